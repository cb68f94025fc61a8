namespace PromptWatch.Pipelines;

/// <summary>Answers whether one commit is an ancestor of another (rollback detection), from the watched Git repository.</summary>
public interface ICommitAncestry
{
    /// <summary>Whether <paramref name="ancestorSha"/> is a strict ancestor of <paramref name="descendantSha"/>.</summary>
    /// <param name="repository">The repository, <c>owner/name</c>.</param>
    /// <param name="ancestorSha">The commit that may be older.</param>
    /// <param name="descendantSha">The commit that may be newer.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>Whether it is; <see langword="null"/> when either commit or the repository is unknown here.</returns>
    ValueTask<bool?> IsAncestorAsync(string repository, string ancestorSha, string descendantSha, CancellationToken cancellationToken);
}
