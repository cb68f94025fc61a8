using PromptWatch.S3;

namespace PromptWatch.Cli.Gate;

/// <summary>
/// An S3 bucket of evaluation reports, with the settings of README's S3 section: the section's names from
/// <c>--config</c> or the environment (<c>PromptWatch__S3__Endpoint</c>, <c>__AccessKey</c>, <c>__SecretKey</c>,
/// <c>__Bucket</c>, <c>__Region</c>) or the web host's flat names (<c>S3_ENDPOINT</c>, <c>S3_ACCESS_KEY</c>, <c>S3_SECRET_KEY</c>, <c>S3_BUCKET_NAME</c>,
/// <c>S3_REGION</c>). A bucket in <c>s3://&lt;bucket&gt;</c> wins over both.
/// </summary>
internal static class S3Results
{
    public static AwsS3ResultStore Open(string? bucket, GateSettings settings, PromptWatch.Results.EvaluationResultLayout layout)
    {
        string? Read(string key, string flat) => settings.S3(key) ?? (Environment.GetEnvironmentVariable(flat) is { Length: > 0 } value ? value : null);
        string Required(string key, string flat) =>
            Read(key, flat) ?? throw new PromptWatchException($"--results s3 needs {flat} (or PromptWatch__S3__{key}) in the environment, or PromptWatch:S3:{key} in --config.");

        var options = new S3ResultStoreOptions
        {
            Endpoint = Required("Endpoint", "S3_ENDPOINT"),
            AccessKey = Required("AccessKey", "S3_ACCESS_KEY"),
            SecretKey = Required("SecretKey", "S3_SECRET_KEY"),
            Layout = layout,
        };
        options.Bucket = bucket ?? Read("Bucket", "S3_BUCKET_NAME") ?? options.Bucket;
        options.Region = Read("Region", "S3_REGION") ?? options.Region;
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps) || endpoint.AbsolutePath != "/")
        {
            throw new PromptWatchException("The S3 endpoint (S3_ENDPOINT or PromptWatch__S3__Endpoint) must be an http:// or https:// URL without a path.");
        }

        return new AwsS3ResultStore(options);
    }
}
