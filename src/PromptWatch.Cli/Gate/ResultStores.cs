using System.Runtime.CompilerServices;
using PromptWatch.Results;

namespace PromptWatch.Cli.Gate;

/// <summary>
/// The store <c>check --results</c> names: a folder laid out as the web host reads it, or <c>s3</c> /
/// <c>s3://&lt;bucket&gt;</c> for a bucket whose settings come from the environment or <c>--config</c>
/// (<see cref="S3Results"/>); either is read with the layout of the settings' <c>PromptWatch:ResultPatterns</c>.
/// </summary>
internal static class ResultStores
{
    public const string S3Scheme = "s3://";

    /// <exception cref="PromptWatchException">The folder does not exist, an S3 setting is missing or invalid, or a result pattern is invalid.</exception>
    public static IEvaluationResultStore Open(string value, GateSettings settings)
    {
        var layout = settings.Layout();
        if (value.Equals("s3", StringComparison.OrdinalIgnoreCase)) return OpenS3(bucket: null, settings, layout);
        if (value.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var bucket = value[S3Scheme.Length..].TrimEnd('/');
            if (bucket.Length == 0 || bucket.Contains('/', StringComparison.Ordinal)) throw new PromptWatchException($"--results {value}: name a bucket as s3://<bucket>.");
            return OpenS3(bucket, settings, layout);
        }

        var folder = Path.GetFullPath(value);
        if (!Directory.Exists(folder)) throw new PromptWatchException($"--results {value}: no such folder (name a folder of <commit>/<usecase>_results.html reports, or s3://<bucket>).");
        return new LocalFolderResultStore(folder, layout);
    }

    // The S3 clients are loaded only when a bucket is named, not for every command: the signature names only the
    // interface, so compiling Open does not load PromptWatch.S3 and AWSSDK.
#pragma warning disable CA1859 // The interface return type is the point: it keeps the S3 assembly out of Open's signature.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IEvaluationResultStore OpenS3(string? bucket, GateSettings settings, EvaluationResultLayout layout) => S3Results.Open(bucket, settings, layout);
#pragma warning restore CA1859
}
