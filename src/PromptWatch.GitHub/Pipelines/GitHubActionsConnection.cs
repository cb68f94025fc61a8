using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// The Octokit client of the provider, built on an explicit <see cref="Connection"/> so that <see cref="GitHubActionsOptions.ApiUrl"/>
/// is used as given (the <c>GitHubClient(ProductHeaderValue, Uri)</c> constructor would append <c>/api/v3/</c> to any
/// address other than GitHub.com's), with the ETag cache for conditional requests and <see cref="GitHubTrafficHandler"/>
/// under it; and a plain <see cref="HttpClient"/> without automatic redirects for the log endpoints.
/// </summary>
internal sealed class GitHubActionsConnection : IDisposable
{
    private static readonly Octokit.ProductHeaderValue Product = new("PromptWatch");
    private readonly HttpClient _logs;
    private readonly string _token;

    public GitHubActionsConnection(IOptions<GitHubActionsOptions> options, GitHubApiTraffic traffic, GitHubActionsMetrics metrics)
    {
        var o = options.Value;
        _token = o.Token ?? string.Empty;
        BaseAddress = WithSlash(o.ApiUrl);
        var credentials = string.IsNullOrEmpty(_token) ? Credentials.Anonymous : new Credentials(_token, AuthenticationType.Bearer);
        var connection = new Connection(
            Product,
            BaseAddress,
            new InMemoryCredentialStore(credentials),
            new HttpClientAdapter(() => new GitHubTrafficHandler(traffic, metrics) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } }),
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(o.RequestTimeout);
        connection.ResponseCache = new GitHubResponseCache(o.ResponseCacheSize);
        Client = new GitHubClient(connection);

        // Logs: GitHub answers 302 to a signed address on another host; that request must not carry the token, so
        // redirects are followed by hand (see GitHubLogDownloader).
        _logs = new HttpClient(new GitHubTrafficHandler(traffic, metrics) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } })
        {
            Timeout = o.RequestTimeout,
        };
        _logs.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(Product.Name, typeof(GitHubActionsConnection).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"));
    }

    /// <summary>The API's base address, ending in a slash so that relative addresses keep its path (<c>/api/v3/</c>).</summary>
    public Uri BaseAddress { get; }

    public GitHubClient Client { get; }

    /// <summary>A request to GitHub's API at <paramref name="relative"/>, with the token and GitHub's media type.</summary>
    public HttpRequestMessage ApiRequest(string relative)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        if (_token.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }

    /// <summary>The client for log downloads (no automatic redirects, no default credentials).</summary>
    public HttpClient Logs => _logs;

    public void Dispose() => _logs.Dispose();

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
