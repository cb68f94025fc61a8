namespace PromptWatch.Results;

/// <summary>
/// Implemented by result stores whose files people can open elsewhere: an object store's web console, or a
/// short-lived presigned URL.
/// </summary>
public interface IEvaluationResultLinks
{
    /// <summary>A URL people can open to see <paramref name="result"/> in the store, or <see langword="null"/> when there is none.</summary>
    /// <param name="result">A file from the store's index.</param>
    /// <param name="lifetime">How long a signed URL stays valid.</param>
    /// <returns>The URL, or <see langword="null"/>.</returns>
    Uri? GetViewUrl(EvaluationResult result, TimeSpan lifetime);
}
