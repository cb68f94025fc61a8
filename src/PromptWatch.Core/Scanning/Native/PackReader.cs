using System.Buffers;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// Reads objects straight from a repository's packs, with the system's zlib, for the history scan: libgit2 spends about
/// twice what git does on each small object (its object cache, locks shared by every handle of the process, and
/// allocations around every read), which was most of a full scan. Objects it cannot find or read (loose objects,
/// alternates, anything unexpected) are left to libgit2: every answer is either the object's exact bytes or
/// <see langword="false"/>. Not thread-safe: one per libgit2 handle, like the handle.
/// </summary>
internal sealed class PackReader : IDisposable
{
    /// <summary>Larger objects are left to libgit2 (commits and trees are far smaller; a watched file is read whole either way).</summary>
    private const int MaxObjectBytes = 16 << 20;

    /// <summary>Deeper delta chains than git ever writes by default (50) are taken as damage.</summary>
    private const int MaxChainLength = 10_000;

    /// <summary>Bytes of resolved objects kept for reuse (trees, and every delta base on the way to an object).</summary>
    private const long CacheBudget = 32L << 20;

    /// <summary>
    /// Resolved objects kept at most: a walk reads each tree soon after the delta chain that made it, so a few hundred
    /// suffice, and a table this small stays off the large object heap (whose growth costs a full collection).
    /// </summary>
    private const int CacheEntries = 1024;

    private const int OffsetDelta = 6;
    private const int ReferenceDelta = 7;

    private readonly PackFile[] _packs;
    private readonly ZlibInflater _inflater;
    private readonly Dictionary<(int Pack, long Offset), (int Type, byte[] Data)> _resolved = [];
    private readonly List<(long Offset, long DataAt, int Size)> _chain = [];
    private long _resolvedBytes;
    private byte[] _scratch = new byte[4096];

    private PackReader(PackFile[] packs, ZlibInflater inflater)
    {
        _packs = packs;
        _inflater = inflater;
    }

    /// <summary>
    /// A reader of the packs in <paramref name="gitDirectory"/>'s object database, or <see langword="null"/> when there
    /// is nothing this reads (no packs, other object databases as alternates, no system zlib): libgit2 reads it all then.
    /// </summary>
    public static PackReader? TryOpen(string gitDirectory)
    {
        var objects = Path.Combine(gitDirectory, "objects");
        var packFolder = Path.Combine(objects, "pack");
        if (File.Exists(Path.Combine(objects, "info", "alternates")) || !Directory.Exists(packFolder)) return null;
        string[] indexes;
        try
        {
            indexes = Directory.GetFiles(packFolder, "pack-*.idx");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (indexes.Length == 0 || ZlibInflater.TryCreate() is not { } inflater) return null;
        var packs = new List<PackFile>(indexes.Length);
        foreach (var index in indexes)
        {
            if (PackFile.TryOpen(index) is { } pack) packs.Add(pack);
        }

        if (packs.Count > 0) return new PackReader([.. packs], inflater);
        inflater.Dispose();
        return null;
    }

    /// <summary>
    /// Reads object <paramref name="id"/>: its type (1 commit, 2 tree, 3 blob, 4 tag) and bytes, valid until the next
    /// call; <see langword="false"/> when it is not in the packs or not readable here.
    /// </summary>
    public bool TryRead(in GitOid id, out int type, out ReadOnlySpan<byte> data)
    {
        for (var pack = 0; pack < _packs.Length; pack++)
        {
            if (_packs[pack].TryFind(id, out var offset)) return TryResolve(pack, offset, out type, out data);
        }

        type = 0;
        data = default;
        return false;
    }

    /// <summary>
    /// An object's size from its pack entry's header, without inflating it; <see langword="false"/> for a delta (its size
    /// is in the delta's own compressed header) and for what is not in the packs.
    /// </summary>
    public bool TryReadSize(in GitOid id, out long size)
    {
        size = 0;
        for (var pack = 0; pack < _packs.Length; pack++)
        {
            if (!_packs[pack].TryFind(id, out var offset)) continue;
            if (!TryReadEntryHeader(_packs[pack].Data(offset), out var type, out var entrySize, out _) || type is not (>= 1 and <= 4)) return false;
            size = entrySize;
            return true;
        }

        return false;
    }

    private bool TryResolve(int packIndex, long offset, out int type, out ReadOnlySpan<byte> data)
    {
        type = 0;
        data = default;
        var pack = _packs[packIndex];
        _chain.Clear();

        // Down the delta chain to an object kept from before or a whole one.
        byte[] baseData;
        while (true)
        {
            if (_resolved.TryGetValue((packIndex, offset), out var known))
            {
                (type, baseData) = known;
                break;
            }

            if (_chain.Count > MaxChainLength || !TryReadEntryHeader(pack.Data(offset), out var entryType, out var size, out var headerLength)) return false;
            var dataAt = offset + headerLength;
            if (entryType is >= 1 and <= 4)
            {
                type = entryType;
                if (_chain.Count == 0) return TryInflateWhole(pack, dataAt, size, type, packIndex, offset, out data);
                baseData = GC.AllocateUninitializedArray<byte>(size);
                if (!_inflater.TryInflate(pack.Data(dataAt), baseData)) return false;
                Keep(packIndex, offset, type, baseData);
                break;
            }

            long baseOffset;
            var entry = pack.Data(dataAt);
            if (entryType == OffsetDelta)
            {
                if (!TryReadBaseDistance(entry, out var distance, out var distanceLength) || distance >= offset) return false;
                baseOffset = offset - distance;
                dataAt += distanceLength;
            }
            else if (entryType == ReferenceDelta)
            {
                if (entry.Length < 20 || !pack.TryFind(System.Runtime.InteropServices.MemoryMarshal.Read<GitOid>(entry), out baseOffset)) return false;
                dataAt += 20;
            }
            else
            {
                return false;
            }

            _chain.Add((offset, dataAt, size));
            offset = baseOffset;
        }

        // Up again, applying each delta to the object below it; every object on the way is a base worth keeping.
        for (var link = _chain.Count - 1; link >= 0; link--)
        {
            var (linkOffset, dataAt, deltaSize) = _chain[link];
            var delta = ArrayPool<byte>.Shared.Rent(deltaSize);
            try
            {
                if (!_inflater.TryInflate(pack.Data(dataAt), delta.AsSpan(0, deltaSize))
                    || !GitDelta.TryApply(baseData, delta.AsSpan(0, deltaSize), MaxObjectBytes, out var result)) return false;
                baseData = result;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(delta);
            }

            if (link > 0 || type == Libgit2.ObjectTree) Keep(packIndex, linkOffset, type, baseData);
        }

        data = baseData;
        return true;
    }

    /// <summary>A whole object asked for itself: kept when it is a tree, else inflated into the scratch buffer.</summary>
    private bool TryInflateWhole(PackFile pack, long dataAt, int size, int type, int packIndex, long offset, out ReadOnlySpan<byte> data)
    {
        data = default;
        byte[] target;
        if (type == Libgit2.ObjectTree)
        {
            target = GC.AllocateUninitializedArray<byte>(size);
        }
        else
        {
            if (_scratch.Length < size) _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
            target = _scratch;
        }

        if (!_inflater.TryInflate(pack.Data(dataAt), target.AsSpan(0, size))) return false;
        if (type == Libgit2.ObjectTree) Keep(packIndex, offset, type, target);
        data = target.AsSpan(0, size);
        return true;
    }

    private void Keep(int pack, long offset, int type, byte[] data)
    {
        if (_resolvedBytes + data.Length > CacheBudget || _resolved.Count >= CacheEntries)
        {
            _resolved.Clear();
            _resolvedBytes = 0;
        }

        if (_resolved.TryAdd((pack, offset), (type, data))) _resolvedBytes += data.Length;
    }

    /// <summary>A pack entry's type and inflated size (a variable-length number of 4 + 7n bits).</summary>
    private static bool TryReadEntryHeader(ReadOnlySpan<byte> entry, out int type, out int size, out int length)
    {
        type = 0;
        size = 0;
        length = 0;
        if (entry.IsEmpty) return false;
        var b = entry[0];
        type = (b >> 4) & 7;
        long value = b & 15;
        var shift = 4;
        length = 1;
        while ((b & 0x80) != 0)
        {
            if (length >= entry.Length || shift > 56) return false;
            b = entry[length++];
            value |= (long)(b & 0x7F) << shift;
            shift += 7;
        }

        if (value > MaxObjectBytes) return false;
        size = (int)value;
        return true;
    }

    /// <summary>An offset delta's distance back to its base (git's offset encoding, each continuation adding one).</summary>
    private static bool TryReadBaseDistance(ReadOnlySpan<byte> entry, out long distance, out int length)
    {
        distance = 0;
        length = 0;
        if (entry.IsEmpty) return false;
        var b = entry[length++];
        distance = b & 0x7F;
        while ((b & 0x80) != 0)
        {
            if (length >= entry.Length || distance > (long.MaxValue >> 8)) return false;
            b = entry[length++];
            distance = ((distance + 1) << 7) | (long)(b & 0x7F);
        }

        return distance > 0;
    }

    public void Dispose()
    {
        foreach (var pack in _packs) pack.Dispose();
        _inflater.Dispose();
        _resolved.Clear();
    }
}
