namespace PromptWatch.Repositories;

/// <summary>The <see cref="IRepositorySourceFactory"/> of a host that registers none: <see cref="RepositorySource.Create"/>.</summary>
internal sealed class DefaultRepositorySourceFactory : IRepositorySourceFactory
{
    /// <summary>The one instance; it holds no state.</summary>
    public static DefaultRepositorySourceFactory Instance { get; } = new();

    public IRepositorySource Create(RepositorySourceOptions options) => RepositorySource.Create(options);
}
