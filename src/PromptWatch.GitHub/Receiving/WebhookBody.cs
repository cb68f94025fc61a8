using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// The body of one delivery in a buffer from <see cref="ArrayPool{T}.Shared"/> (returned on dispose). It is read with the
/// size cap enforced while reading, and each piece goes into the HMAC as it arrives, so no second pass and no copy of
/// the whole body is made. The buffer grows with what arrives, not with what <c>Content-Length</c> announces.
/// </summary>
internal sealed class WebhookBody : IDisposable
{
    private const int FirstBufferBytes = 16 * 1024;
    private const int LargestFirstBufferBytes = 1024 * 1024;
    private byte[]? _buffer;
    private int _length;

    private WebhookBody(byte[] buffer)
    {
        _buffer = buffer;
    }

    /// <summary>The bytes read.</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(WebhookBody))).AsMemory(0, _length);

    /// <summary>
    /// Reads <paramref name="body"/> to its end, adding each piece to <paramref name="hmac"/> when one is given; <see langword="null"/>
    /// as soon as more than <paramref name="limit"/> bytes have arrived (whatever <c>Content-Length</c> said).
    /// </summary>
    public static async Task<WebhookBody?> ReadAsync(Stream body, long limit, long? declaredLength, IncrementalHash? hmac, CancellationToken cancellationToken)
    {
        // One byte more than the limit is room enough to see that a body is too large.
        var largest = (int)Math.Min(limit + 1, Array.MaxLength);
        var first = (int)Math.Clamp(declaredLength is { } declared ? declared + 1 : FirstBufferBytes, 1, Math.Min(largest, LargestFirstBufferBytes));
        var result = new WebhookBody(ArrayPool<byte>.Shared.Rent(first));
        try
        {
            while (true)
            {
                if (result._length == result._buffer!.Length && !result.Grow(largest)) return Refuse(result);
                int read;
                try
                {
                    read = await body.ReadAsync(result._buffer.AsMemory(result._length), cancellationToken).ConfigureAwait(false);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return Refuse(result);
                }

                if (read == 0) return result;
                hmac?.AppendData(result._buffer, result._length, read);
                result._length += read;
                if (result._length > limit) return Refuse(result);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
    }

    private static WebhookBody? Refuse(WebhookBody body)
    {
        body.Dispose();
        return null;
    }

    /// <summary>Moves to a buffer twice as large (at most <paramref name="largest"/>); <see langword="false"/> when it is that large already.</summary>
    private bool Grow(int largest)
    {
        var current = _buffer!;
        if (current.Length >= largest) return false;
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)current.Length * 2, largest));
        current.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(current);
        _buffer = larger;
        return true;
    }
}
