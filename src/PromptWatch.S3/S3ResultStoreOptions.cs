using PromptWatch.Results;
using System.Globalization;

namespace PromptWatch.S3;

/// <summary>
/// Where evaluation results are kept in S3 (AWS S3, Ceph radosgw, MinIO or any S3-compatible store) and how to
/// reach it. Bound from the <c>PromptWatch:S3</c> configuration section, then from code; validated when the host
/// starts.
/// </summary>
public sealed class S3ResultStoreOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch:S3";

    /// <summary>The S3 API's base URL, <c>http://</c> or <c>https://</c> (for example <c>https://s3.example.com</c>). Required.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The access key id. Required.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret key. Required. It never appears in logs, messages, <see cref="ToString"/> or diagnostics.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The bucket that holds the results. Default <c>results</c>.</summary>
    public string Bucket { get; set; } = "results";

    /// <summary>
    /// The base URL of the store's web console (for example a MinIO console). When set, result links point at
    /// <c>{UiUrl}/browser/{bucket}/{key}</c>; otherwise they are presigned download URLs.
    /// </summary>
    public string? UiUrl { get; set; }

    /// <summary>The region requests are signed for. Default <c>us-east-1</c>, which S3-compatible stores accept.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// Whether the bucket is addressed in the path (<c>https://host/bucket/key</c>) rather than in the host name
    /// (<c>https://bucket.host/key</c>). Default <see langword="true"/>, which every S3-compatible store supports.
    /// </summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// Whether the endpoint's TLS certificate is checked. Default <see langword="true"/>. Turning it off accepts any
    /// certificate (a warning is logged when the store starts); prefer <see cref="CaBundlePath"/>.
    /// </summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>A PEM file of CA certificates trusted in addition to the system's, for an endpoint with a private CA.</summary>
    public string? CaBundlePath { get; set; }

    /// <summary>
    /// How long a presigned result link of this store stays valid, at most 7 days. Default: not set, so the host's
    /// lifetime for report links applies (<c>PromptWatchEndpointOptions.ReportLinkLifetime</c>, 15 minutes).
    /// </summary>
    public TimeSpan? PresignedUrlLifetime { get; set; }

    /// <summary>
    /// A safety cap on the number of objects one listing reads (one request per 1000). A larger bucket is listed up
    /// to the cap and a warning is logged. Default 1,000,000.
    /// </summary>
    public int MaxListedObjects { get; set; } = 1_000_000;

    /// <summary>How long one request may take to connect and answer before it fails. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the bucket is listed again, at least one second. Default: not set, so the host's
    /// <c>PromptWatch:ResultsRefreshInterval</c> (60 seconds) applies to this store as to every other.
    /// </summary>
    public TimeSpan? RefreshInterval { get; set; }

    /// <summary>
    /// How result files are named; not set, the layout <c>AddPromptWatch()</c> registers (its
    /// <c>ResultPatterns</c>, or <see cref="EvaluationResultLayout.Default"/>) is filled in after configuration.
    /// Set in code only.
    /// </summary>
    public EvaluationResultLayout? Layout { get; set; }

    /// <summary>Shows where the store is, never the keys.</summary>
    /// <returns>A text without credentials.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Endpoint={S3Endpoint.Redact(Endpoint)}, Bucket={Bucket}, Region={Region}, UiUrl={S3Endpoint.Redact(UiUrl)}, ForcePathStyle={ForcePathStyle}, VerifyTls={VerifyTls}, AccessKey={Shown(AccessKey)}, SecretKey={Shown(SecretKey)}");

    private static string Shown(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set)";
}
