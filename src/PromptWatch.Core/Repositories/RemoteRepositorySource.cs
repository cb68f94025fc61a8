using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace PromptWatch.Repositories;

/// <summary>
/// A remote repository, cloned once (bare) into the cache folder and fetched on every update; the
/// watched branch is moved to the remote tip, so force-pushes are followed. Credentials go through
/// LibGit2Sharp's credentials handler only; user information in the URL (<c>user:password@</c> or
/// <c>token@</c>) is taken out of the URL, the display name and the cache folder name and used the same way.
/// </summary>
internal sealed class RemoteRepositorySource : IRepositorySource
{
    private const string RemoteName = "origin";
    private readonly string _url;
    private readonly RepositoryCredentials? _credentials;
    private readonly string _clonePath;
    private readonly string? _configuredBranch;
    private Repository? _repository;
    private string? _branch;

    /// <summary>Creates the source; nothing is cloned before the first <see cref="UpdateAsync"/>.</summary>
    /// <param name="options">The URL, branch, credentials and cache folder.</param>
    public RemoteRepositorySource(RepositorySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = RemoteLocation.Parse(options.Location);
        _url = location.Url;
        _credentials = options.Credentials ?? location.EmbeddedCredentials;
        _configuredBranch = string.IsNullOrWhiteSpace(options.Branch) ? null : options.Branch;
        DisplayName = _url;
        _clonePath = Path.Combine(options.CacheDirectory ?? RepositorySourceOptions.DefaultCacheDirectory, CacheFolderName(_url));
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <summary>The folder the repository is cloned into.</summary>
    public string ClonePath => _clonePath;

    /// <inheritdoc />
    public Task<RepositoryUpdate> UpdateAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Update(cancellationToken), cancellationToken);

    private RepositoryUpdate Update(CancellationToken cancellationToken)
    {
        _repository ??= OpenOrClone(cancellationToken);
        _branch ??= _configuredBranch ?? DefaultBranch(_repository);
        var remoteRef = $"refs/remotes/{RemoteName}/{_branch}";
        try
        {
            Commands.Fetch(_repository, RemoteName, [$"+refs/heads/{_branch}:{remoteRef}"], FetchOptionsFor(_credentials, cancellationToken), null);
        }
        catch (LibGit2SharpException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (e.Message.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
            {
                throw new PromptWatchException($"Branch '{_branch}' was not found in {DisplayName}.", e);
            }

            throw GitFailures.Describe("fetch", DisplayName, e, _credentials);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tip = _repository.Refs[remoteRef]?.ResolveToDirectReference()?.Target
            ?? throw new PromptWatchException($"Branch '{_branch}' was not found in {DisplayName}.");
        _repository.Refs.Add($"refs/heads/{_branch}", tip.Id, allowOverwrite: true);
        return new RepositoryUpdate(_repository, _branch, Fetched: true, FetchWarning: null);
    }

    private Repository OpenOrClone(CancellationToken cancellationToken)
    {
        if (Repository.IsValid(_clonePath)) return new Repository(_clonePath);

        var parent = Path.GetDirectoryName(_clonePath)!;
        Directory.CreateDirectory(parent);
        var staging = _clonePath + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var options = new CloneOptions(FetchOptionsFor(_credentials, cancellationToken)) { IsBare = true, Checkout = false };
            Repository.Clone(_url, staging, options);
            if (Directory.Exists(_clonePath)) Directory.Delete(_clonePath, recursive: true);
            Directory.Move(staging, _clonePath);
        }
        catch (LibGit2SharpException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw GitFailures.Describe("clone", DisplayName, e, _credentials);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new Repository(_clonePath);
    }

    private string DefaultBranch(Repository repository)
    {
        var head = repository.Refs.Head;
        if (head is SymbolicReference symbolic && symbolic.TargetIdentifier.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return symbolic.TargetIdentifier["refs/heads/".Length..];
        }

        throw new PromptWatchException($"The default branch of {DisplayName} could not be determined; name a branch.");
    }

    /// <summary>Fetch options that answer credential requests once and stop when <paramref name="cancellationToken"/> fires.</summary>
    internal static FetchOptions FetchOptionsFor(RepositoryCredentials? credentials, CancellationToken cancellationToken)
    {
        var options = new FetchOptions
        {
            Prune = true,
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        if (credentials is not null)
        {
            var asked = 0;
            options.CredentialsProvider = new CredentialsHandler((_, _, _) =>
            {
                // Answer once: a second request means the server refused these credentials.
                if (Interlocked.Increment(ref asked) > 1) throw new AuthenticationRefusedException();
                return new UsernamePasswordCredentials { Username = credentials.Username, Password = credentials.Password };
            });
        }

        return options;
    }

    private static string CacheFolderName(string url)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..12];
        var name = url.TrimEnd('/');
        name = name[(name.LastIndexOfAny(['/', ':', '\\']) + 1)..];
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        var safe = new string([.. name.Where(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
        return (safe.Length == 0 ? "repository" : safe) + "-" + hash;
    }

    /// <inheritdoc />
    public void Dispose() => _repository?.Dispose();

    private sealed class AuthenticationRefusedException : LibGit2SharpException
    {
        public AuthenticationRefusedException()
            : base("authentication failed")
        {
        }
    }
}
