namespace PromptWatch.Results;

/// <summary>One result file of one commit.</summary>
/// <param name="Key">The file's key in its store (a relative path with forward slashes).</param>
/// <param name="CommitPrefix">The commit folder the file is under: a hex abbreviation of the commit's sha.</param>
/// <param name="UseCase">The use case the file reports on, when its name says.</param>
/// <param name="Kind">What the file reports.</param>
/// <param name="DisplayName">A short name for people.</param>
/// <param name="Size">The size in bytes, when known.</param>
public sealed record EvaluationResult(string Key, string CommitPrefix, string? UseCase, EvaluationResultKind Kind, string DisplayName, long? Size)
{
    /// <summary>
    /// What identifies this version of the file, when the listing says (an S3 ETag; a folder's length and last
    /// write time): a file read once is read again only when its key or version changes.
    /// </summary>
    public string? Version { get; init; }
}
