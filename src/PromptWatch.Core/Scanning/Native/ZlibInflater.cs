using System.Runtime.InteropServices;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// One zlib inflate stream of the system's zlib (the library git itself uses), reset for every object instead of set up
/// anew: a pack holds thousands of small compressed objects, and setting up a stream costs about as much as inflating
/// one. Only where the C <c>long</c> is 64 bits (Linux and macOS on 64-bit processors); elsewhere there is none.
/// </summary>
internal sealed unsafe class ZlibInflater : IDisposable
{
    private const int StreamEnd = 1;
    private const int Finish = 4;

    private readonly Api _api;
    private ZStream* _stream;

    private ZlibInflater(Api api, ZStream* stream)
    {
        _api = api;
        _stream = stream;
    }

    /// <summary>A new inflater, or <see langword="null"/> when the system has no zlib this can load.</summary>
    public static ZlibInflater? TryCreate()
    {
        if (Api.Shared.Value is not { } api) return null;
        var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        if (api.InflateInit(stream, api.Version, sizeof(ZStream)) == 0) return new ZlibInflater(api, stream);
        NativeMemory.Free(stream);
        return null;
    }

    /// <summary>
    /// Inflates one zlib stream from <paramref name="source"/> into all of <paramref name="destination"/>; false when the
    /// data is not a complete stream of exactly that many bytes.
    /// </summary>
    public bool TryInflate(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        if (_api.InflateReset(_stream) != 0) return false;
        fixed (byte* input = source)
        fixed (byte* output = destination)
        {
            // A zero-length destination still needs a valid pointer for zlib to read the stream's end.
            byte spare;
            _stream->NextIn = input;
            _stream->AvailIn = (uint)source.Length;
            _stream->NextOut = destination.IsEmpty ? &spare : output;
            _stream->AvailOut = (uint)destination.Length;
            return _api.Inflate(_stream, Finish) == StreamEnd && _stream->AvailOut == 0;
        }
    }

    public void Dispose()
    {
        if (_stream is null) return;
        _api.InflateEnd(_stream);
        NativeMemory.Free(_stream);
        _stream = null;
    }

    /// <summary>zlib's <c>z_stream</c> where <c>uLong</c> is 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public nuint TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public nuint TotalOut;
        public byte* Message;
        public void* State;
        public void* Allocate;
        public void* Free;
        public void* Opaque;
        public int DataType;
        public nuint Adler;
        public nuint Reserved;
    }

    /// <summary>The functions of the loaded library, found once per process (the library stays loaded, as it would with a static import).</summary>
    private sealed class Api
    {
        public static readonly Lazy<Api?> Shared = new(Load);

        public delegate* unmanaged<ZStream*, byte*, int, int> InflateInit { get; private init; }

        public delegate* unmanaged<ZStream*, int> InflateReset { get; private init; }

        public delegate* unmanaged<ZStream*, int, int> Inflate { get; private init; }

        public delegate* unmanaged<ZStream*, int> InflateEnd { get; private init; }

        /// <summary>The library's own version string, which <c>inflateInit_</c> checks against.</summary>
        public byte* Version { get; private init; }

        private static Api? Load()
        {
            if (IntPtr.Size != 8 || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return null;
            string[] names = OperatingSystem.IsMacOS() ? ["libz.1.dylib", "libz.dylib"] : ["libz.so.1", "libz.so"];
            foreach (var name in names)
            {
                if (!NativeLibrary.TryLoad(name, out var library)) continue;
                if (NativeLibrary.TryGetExport(library, "inflateInit_", out var init)
                    && NativeLibrary.TryGetExport(library, "inflateReset", out var reset)
                    && NativeLibrary.TryGetExport(library, "inflate", out var inflate)
                    && NativeLibrary.TryGetExport(library, "inflateEnd", out var end)
                    && NativeLibrary.TryGetExport(library, "zlibVersion", out var version))
                {
                    return new Api
                    {
                        InflateInit = (delegate* unmanaged<ZStream*, byte*, int, int>)init,
                        InflateReset = (delegate* unmanaged<ZStream*, int>)reset,
                        Inflate = (delegate* unmanaged<ZStream*, int, int>)inflate,
                        InflateEnd = (delegate* unmanaged<ZStream*, int>)end,
                        Version = ((delegate* unmanaged<byte*>)version)(),
                    };
                }

                NativeLibrary.Free(library);
            }

            return null;
        }
    }
}
