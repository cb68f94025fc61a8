using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PromptWatch.GitHub.Receiving;

/// <summary>Checks <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>: HMAC-SHA256 of the raw body, compared in constant time.</summary>
internal static class WebhookSignature
{
    /// <summary>The length of an HMAC-SHA256 digest.</summary>
    public const int DigestBytes = 32;

    private const string Prefix = "sha256=";

    /// <summary>Reads the digest a header gives; <see langword="false"/> unless it is <c>sha256=</c> and 64 hex digits.</summary>
    public static bool TryParse(string header, Span<byte> digest)
    {
        if (!header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + (DigestBytes * 2)) return false;
        return Convert.FromHexString(header.AsSpan(Prefix.Length), digest, out _, out var written) == OperationStatus.Done && written == DigestBytes;
    }

    /// <summary>An HMAC-SHA256 with the secret as its key, to add the body to piece by piece.</summary>
    public static IncrementalHash CreateHmac(string secret) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether the HMAC of everything added to <paramref name="hmac"/> is <paramref name="given"/> (constant time).</summary>
    public static bool Matches(IncrementalHash hmac, ReadOnlySpan<byte> given)
    {
        Span<byte> expected = stackalloc byte[DigestBytes];
        hmac.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
