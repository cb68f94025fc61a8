using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PromptWatch.S3;

/// <summary>Checks <see cref="S3ResultStoreOptions"/> when the host starts, so a bad setting stops it with a message naming the setting.</summary>
internal sealed partial class S3ResultStoreOptionsValidator : IValidateOptions<S3ResultStoreOptions>
{
    private const string Section = S3ResultStoreOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, S3ResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Named instances belong to other integrations' stores, checked by their own validators.
        if (name != Options.DefaultName) return ValidateOptionsResult.Skip;
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each; empty when they are valid.</summary>
    public static List<string> Check(S3ResultStoreOptions options)
    {
        var failures = new List<string>();
        if (!S3Endpoint.TryParse(options.Endpoint, out _, out var endpointProblem))
        {
            failures.Add($"{Section}:Endpoint {endpointProblem}.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessKey)) failures.Add($"{Section}:AccessKey is not set.");
        if (string.IsNullOrWhiteSpace(options.SecretKey)) failures.Add($"{Section}:SecretKey is not set.");
        if (BucketNameProblem(options.Bucket) is { } bucketProblem) failures.Add($"{Section}:Bucket '{options.Bucket}' is not a valid S3 bucket name: {bucketProblem}.");

        if (!string.IsNullOrWhiteSpace(options.UiUrl)
            && (!Uri.TryCreate(options.UiUrl.Trim(), UriKind.Absolute, out var ui) || (ui.Scheme != Uri.UriSchemeHttp && ui.Scheme != Uri.UriSchemeHttps) || ui.UserInfo.Length > 0))
        {
            failures.Add($"{Section}:UiUrl must be an absolute http:// or https:// URL without credentials, for example https://console.example.com.");
        }

        failures.AddRange(CheckShared(options, Section));
        if (options.RefreshInterval is { } refresh && refresh < TimeSpan.FromSeconds(1)) failures.Add($"{Section}:RefreshInterval must be at least one second (it is {refresh}).");
        return failures;
    }

    /// <summary>
    /// Problems with the settings every store of a kind shares (region, TLS, link lifetime, listing cap, time-out),
    /// named under <paramref name="section"/>.
    /// </summary>
    public static IEnumerable<string> CheckShared(S3ResultStoreOptions options, string section)
    {
        if (string.IsNullOrWhiteSpace(options.Region)) yield return $"{section}:Region is empty: set the region requests are signed for (us-east-1 for most S3-compatible stores).";
        if (!string.IsNullOrWhiteSpace(options.CaBundlePath) && CaBundleProblem(options.CaBundlePath) is { } caProblem) yield return $"{section}:CaBundlePath {caProblem}.";
        if (options.PresignedUrlLifetime is { } lifetime && (lifetime < TimeSpan.FromSeconds(1) || lifetime > TimeSpan.FromDays(7)))
        {
            yield return $"{section}:PresignedUrlLifetime must be between one second and 7 days (it is {lifetime}).";
        }

        if (options.MaxListedObjects < 1) yield return $"{section}:MaxListedObjects must be positive (it is {options.MaxListedObjects}).";
        if (options.Timeout < TimeSpan.FromSeconds(1)) yield return $"{section}:Timeout must be at least one second (it is {options.Timeout}).";
    }

    /// <summary>Why <paramref name="bucket"/> breaks the S3 naming rules, or <see langword="null"/> when it follows them.</summary>
    internal static string? BucketNameProblem(string? bucket)
    {
        if (string.IsNullOrEmpty(bucket)) return "it is empty";
        if (bucket.Length is < 3 or > 63) return "it must be 3 to 63 characters long";
        if (!BucketCharacters().IsMatch(bucket)) return "it may hold only lower-case letters, digits, '.' and '-'";
        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1])) return "it must begin and end with a letter or digit";
        if (bucket.Contains("..", StringComparison.Ordinal)) return "it may not hold two periods in a row";
        if (IPAddress.TryParse(bucket, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) return "it may not be an IP address";
        return null;
    }

    private static string? CaBundleProblem(string path)
    {
        if (!File.Exists(path)) return $"'{path}' does not exist: name a PEM file of CA certificates";
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            foreach (var certificate in certificates) certificate.Dispose();
            return certificates.Count == 0 ? $"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"'{path}' could not be read as PEM certificates ({e.Message.TrimEnd('.')})";
        }
    }

    [GeneratedRegex("^[a-z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketCharacters();
}
