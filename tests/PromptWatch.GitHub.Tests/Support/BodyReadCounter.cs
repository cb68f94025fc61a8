using Microsoft.AspNetCore.Builder;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// Middleware for the test host that wraps every request body in a stream counting the bytes the application reads
/// from it (what the transport buffers on its own is not counted: only what the receiver takes).
/// </summary>
public sealed class BodyReadCounter
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Install(WebApplication app) => app.Use(async (context, next) =>
    {
        context.Request.Body = new CountingStream(context.Request.Body, this);
        await next();
    });

    private sealed class CountingStream(Stream inner, BodyReadCounter counter) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            Interlocked.Add(ref counter._bytes, read);
            return read;
        }
    }
}
