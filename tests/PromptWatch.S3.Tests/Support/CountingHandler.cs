using System.Collections.Concurrent;

namespace PromptWatch.S3.Tests.Support;

/// <summary>Counts the requests a store sends, by kind, on their way to the network.</summary>
internal sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Uri)> _requests = new();

    /// <summary>Every request sent: method and URL.</summary>
    public IReadOnlyList<string> Requests => _requests.Select(static r => $"{r.Method} {r.Uri}").ToList();

    /// <summary>ListObjectsV2 requests (GET on the bucket with list-type=2).</summary>
    public int ListRequests => _requests.Count(static r => r.Method == HttpMethod.Get && r.Uri.Query.Contains("list-type=2", StringComparison.Ordinal));

    /// <summary>HEAD requests.</summary>
    public int HeadRequests => _requests.Count(static r => r.Method == HttpMethod.Head);

    public int Total => _requests.Count;

    public void Reset() => _requests.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method, request.RequestUri!));
        return base.SendAsync(request, cancellationToken);
    }
}
