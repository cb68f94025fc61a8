using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// One pack of a repository, mapped read-only: its index (version 2) finds an object's offset, the pack holds the
/// object's entry. Nothing is checked beyond what reading needs; the caller falls back to libgit2 on any doubt.
/// </summary>
internal sealed unsafe class PackFile : IDisposable
{
    private const int IdLength = 20;
    private const int FanoutEntries = 256;

    private readonly MappedFile _index;
    private readonly MappedFile _pack;
    private readonly uint _count;
    private readonly byte* _ids;
    private readonly byte* _offsets;
    private readonly byte* _largeOffsets;
    private readonly long _largeOffsetCount;

    private PackFile(MappedFile index, MappedFile pack, uint count)
    {
        _index = index;
        _pack = pack;
        _count = count;
        var fanout = index.Start + 8;
        _ids = fanout + (FanoutEntries * 4);
        _offsets = _ids + ((long)count * IdLength) + ((long)count * 4);
        _largeOffsets = _offsets + ((long)count * 4);
        _largeOffsetCount = (index.Length - (_largeOffsets - index.Start) - (2 * IdLength)) / 8;
    }

    /// <summary>The pack's bytes (without its trailing checksum).</summary>
    public ReadOnlySpan<byte> Data(long offset) =>
        offset < 12 || offset >= _pack.Length - IdLength ? default : new ReadOnlySpan<byte>(_pack.Start + offset, (int)Math.Min(_pack.Length - IdLength - offset, int.MaxValue));

    /// <summary>Maps <paramref name="indexPath"/> and the pack beside it; <see langword="null"/> when either is not what this reads.</summary>
    public static PackFile? TryOpen(string indexPath)
    {
        MappedFile? index = null;
        MappedFile? pack = null;
        try
        {
            index = MappedFile.Open(indexPath);
            pack = MappedFile.Open(Path.ChangeExtension(indexPath, ".pack"));
            var header = new ReadOnlySpan<byte>(index.Start, (int)Math.Min(index.Length, 8 + (FanoutEntries * 4)));
            if (header.Length < 8 + (FanoutEntries * 4) || BinaryPrimitives.ReadUInt32BigEndian(header) != 0xFF744F63 || BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != 2) return Fail(index, pack);
            var count = BinaryPrimitives.ReadUInt32BigEndian(header[(8 + ((FanoutEntries - 1) * 4))..]);
            var needed = 8L + (FanoutEntries * 4) + (count * (IdLength + 8L)) + (2 * IdLength);
            var packHeader = new ReadOnlySpan<byte>(pack.Start, (int)Math.Min(pack.Length, 12));
            if (index.Length < needed || packHeader.Length < 12 || !packHeader[..4].SequenceEqual("PACK"u8)
                || BinaryPrimitives.ReadUInt32BigEndian(packHeader[4..]) is not (2 or 3) || BinaryPrimitives.ReadUInt32BigEndian(packHeader[8..]) != count)
            {
                return Fail(index, pack);
            }

            return new PackFile(index, pack, count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(index, pack);
        }
    }

    /// <summary>Finds an object's offset in the pack.</summary>
    public bool TryFind(in GitOid id, out long offset)
    {
        offset = 0;
        var key = MemoryMarshal.AsBytes(new ReadOnlySpan<GitOid>(in id));
        var fanout = _index.Start + 8;
        var low = key[0] == 0 ? 0u : BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(fanout + ((key[0] - 1) * 4), 4));
        var high = BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(fanout + (key[0] * 4), 4));
        if (high > _count || low > high) return false;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var compared = new ReadOnlySpan<byte>(_ids + ((long)middle * IdLength), IdLength).SequenceCompareTo(key);
            if (compared == 0) return TryOffset(middle, out offset);
            if (compared < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return false;
    }

    private bool TryOffset(uint position, out long offset)
    {
        var small = BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_offsets + ((long)position * 4), 4));
        if ((small & 0x80000000) == 0)
        {
            offset = small;
            return true;
        }

        var large = small & 0x7FFFFFFF;
        offset = large < _largeOffsetCount ? (long)BinaryPrimitives.ReadUInt64BigEndian(new ReadOnlySpan<byte>(_largeOffsets + ((long)large * 8), 8)) : -1;
        return offset >= 0;
    }

    public void Dispose()
    {
        _index.Dispose();
        _pack.Dispose();
    }

    private static PackFile? Fail(MappedFile? index, MappedFile? pack)
    {
        index?.Dispose();
        pack?.Dispose();
        return null;
    }

    /// <summary>A whole file mapped read-only, with a pointer to its first byte.</summary>
    private sealed class MappedFile : IDisposable
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;
        private bool _released;

        private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* start, long length)
        {
            _file = file;
            _view = view;
            Start = start;
            Length = length;
        }

        public byte* Start { get; }

        public long Length { get; }

        public static MappedFile Open(string path)
        {
            var length = new FileInfo(path).Length;
            if (length == 0) throw new IOException($"{Path.GetFileName(path)} is empty.");
            var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
            try
            {
                var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                byte* start = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                return new MappedFile(file, view, start + view.PointerOffset, length);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (_released) return;
            _released = true;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
