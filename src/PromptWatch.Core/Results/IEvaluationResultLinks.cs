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

    /// <summary>
    /// Whether <see cref="GetViewUrl"/> gives URLs that do not expire (a web console's), so they can be kept in
    /// a published snapshot; signed URLs are minted per request instead. Default <see langword="false"/>.
    /// </summary>
    bool ViewUrlsAreStable => false;
}
