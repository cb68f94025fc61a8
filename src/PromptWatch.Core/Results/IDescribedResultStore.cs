namespace PromptWatch.Results;

/// <summary>Implemented by result stores that can say where they read from, for diagnostics endpoints.</summary>
public interface IDescribedResultStore
{
    /// <summary>
    /// Where the store reads from and how it is set up (for example <c>endpoint</c>, <c>bucket</c>,
    /// <c>ui_url</c>, <c>client_ready</c>), by name. Never a secret.
    /// </summary>
    /// <returns>The description.</returns>
    IReadOnlyDictionary<string, string?> Describe();
}
