using Octokit.Caching;
using Octokit.Internal;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Octokit's response cache, in memory and bounded: with it Octokit's <c>CachingHttpClient</c> sends the ETag of the
/// last answer to a GET as <c>If-None-Match</c>, and GitHub answers an unchanged resource 304 Not Modified, which costs
/// no rate limit; Octokit then returns the kept answer. The oldest entries go first once <see cref="GitHubActionsOptions.ResponseCacheSize"/> are kept.
/// </summary>
internal sealed class GitHubResponseCache(int capacity) : IResponseCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, CachedResponse.V1 Response)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedResponse.V1 Response)> _order = new();

    public Task<CachedResponse.V1> GetAsync(IRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_entries.TryGetValue(Key(request), out var node)) return Task.FromResult<CachedResponse.V1>(null!);
            _order.Remove(node);
            _order.AddFirst(node);
            return Task.FromResult(node.Value.Response);
        }
    }

    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cachedResponse);
        var key = Key(request);
        lock (_lock)
        {
            if (_entries.Remove(key, out var old)) _order.Remove(old);
            _entries[key] = _order.AddFirst((key, cachedResponse));
            while (_entries.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }

        return Task.CompletedTask;
    }

    private static string Key(IRequest request)
    {
        var parameters = request.Parameters is { Count: > 0 } p ? string.Join('&', p.OrderBy(static x => x.Key, StringComparer.Ordinal).Select(static x => $"{x.Key}={x.Value}")) : string.Empty;
        request.Headers.TryGetValue("Accept", out var accept);
        return $"{request.Method} {request.BaseAddress} {request.Endpoint} {parameters} {accept}";
    }
}
