namespace PromptWatch.Results;

/// <summary>
/// Where evaluation and benchmark reports of commits are kept (a folder, an S3 bucket). A refresh
/// lists the store once and returns an index; changes are matched against the index, never one
/// request per change.
/// </summary>
public interface IEvaluationResultStore
{
    /// <summary>A name for logs and API responses, without secrets.</summary>
    string DisplayName { get; }

    /// <summary>
    /// How often this store is listed again; <see langword="null"/> (the default) for the host's
    /// <c>PromptWatchOptions.ResultsRefreshInterval</c>. After failures the wait doubles up to the host's
    /// <c>ResultsMaxBackoff</c>, or up to this interval when it is longer.
    /// </summary>
    TimeSpan? RefreshInterval => null;

    /// <summary>Lists the store and indexes its result files by commit.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The index.</returns>
    /// <exception cref="PromptWatchException">The store cannot be reached or read; the message says why.</exception>
    Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken);

    /// <summary>Opens one result file for reading.</summary>
    /// <param name="result">A file from the index.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The file's content; the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken);
}
