using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A forwarding proxy on loopback between the client under test and Prism (which serves GitHub's OpenAPI description
/// and validates every request against it). It does what Prism cannot, and nothing else:
/// <list type="bullet">
/// <item>rewrites GitHub's media types (<c>application/vnd.github+json</c>) to <c>application/json</c>, which Prism
/// refuses with 406 though GitHub wants them;</item>
/// <item>answers conditional GETs as GitHub does: an ETag on every 200, and 304 Not Modified when <c>If-None-Match</c>
/// matches, with <c>x-ratelimit-*</c> headers on every answer whose remaining count falls by one for each answer but a 304;</item>
/// <item>turns the 302 of the log endpoints (to a GitHub host that cannot be reached here) into a 302 to this proxy under
/// another host name (<c>localhost</c>), where the test's log text or archive is served: a stand-in for GitHub's log
/// storage (the redirect itself is Prism's), recording whether the request carried credentials;</item>
/// <item>forwards a test's <c>Prefer</c> header (Prism's choice of documented response), or answers a GitHub error a
/// test injects for codes the description does not document for an operation (401, 403, 422, rate limited).</item>
/// </list>
/// </summary>
public sealed class GitHubApiProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _prism;
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();
    private int _remaining = 5000;

    private GitHubApiProxy(WebApplication app, HttpClient prism)
    {
        _app = app;
        _prism = prism;
    }

    /// <summary>The proxy's address (<c>http://127.0.0.1:port/</c>), the client's API base address.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, in order, with what was answered.</summary>
    public IReadOnlyList<ProxiedRequest> Requests => _requests.ToArray();

    /// <summary>A <c>Prefer</c> header sent to Prism with every request (<c>code=404</c>...); none when null.</summary>
    public string? Prefer { get; set; }

    /// <summary>An answer the proxy gives instead of forwarding (for codes the description lacks); none when null.</summary>
    public InjectedFailure? Failure { get; set; }

    /// <summary>The rate limit's remaining requests the proxy reports (and counts down).</summary>
    public int RateLimitRemaining
    {
        get => Volatile.Read(ref _remaining);
        set => Volatile.Write(ref _remaining, value);
    }

    /// <summary>The rate limit's reset the proxy reports.</summary>
    public DateTimeOffset RateLimitReset { get; set; } = DateTimeOffset.UtcNow.AddHours(1);

    /// <summary>What the log storage serves, by the log endpoint's kind (<c>jobs</c> or <c>runs</c>).</summary>
    public ConcurrentDictionary<string, byte[]> Logs { get; } = new(StringComparer.Ordinal);

    public static async Task<GitHubApiProxy> StartAsync(Uri prism)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new GitHubApiProxy(app, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = prism, Timeout = TimeSpan.FromSeconds(60) });
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("No server.");
        proxy.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return proxy;
    }

    /// <summary>Forgets the requests seen so far.</summary>
    public void Clear() => _requests.Clear();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Path + request.QueryString;
        var authorized = request.Headers.Authorization.Count > 0;
        if (request.Path.StartsWithSegments("/_logs", out var rest))
        {
            var kind = rest.Value!.Trim('/');
            var found = Logs.TryGetValue(kind, out var log);
            context.Response.StatusCode = found ? 200 : 404;
            _requests.Enqueue(new ProxiedRequest(request.Method, pathAndQuery, request.Host.Host, authorized, context.Response.StatusCode, null));
            if (found) await context.Response.Body.WriteAsync(log);
            return;
        }

        if (Failure is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            foreach (var (name, value) in failure.Headers) context.Response.Headers[name] = value;
            RateLimitHeaders(context.Response, counted: true);
            context.Response.ContentType = "application/json";
            _requests.Enqueue(new ProxiedRequest(request.Method, pathAndQuery, request.Host.Host, authorized, failure.Status, null));
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), pathAndQuery.TrimStart('/'));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            forward.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is { } contentType) forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (name is "Host" or "Content-Type" or "Content-Length" or "Accept" or "If-None-Match" or "Transfer-Encoding" or "Connection") continue;
            forward.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        forward.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (Prefer is { } prefer) forward.Headers.TryAddWithoutValidation("Prefer", prefer);
        using var answer = await _prism.SendAsync(forward, context.RequestAborted);
        var content = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var status = (int)answer.StatusCode;
        var etag = status == 200 && request.Method == "GET" ? "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"" : null;
        var notModified = etag is not null && request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(static t => t.Trim()).Contains(etag));
        string? problem = null;
        if (answer.Content.Headers.ContentType?.MediaType == "application/problem+json") problem = System.Text.Encoding.UTF8.GetString(content);
        _requests.Enqueue(new ProxiedRequest(request.Method, pathAndQuery, request.Host.Host, authorized, notModified ? 304 : status, problem));

        context.Response.StatusCode = notModified ? 304 : status;
        RateLimitHeaders(context.Response, counted: !notModified);
        if (etag is not null) context.Response.Headers.ETag = etag;
        if (answer.Headers.Location is { } location)
        {
            // Prism's redirect goes to GitHub's log host; the log storage here answers on this proxy under another host name.
            var kind = request.Path.Value!.Contains("/actions/jobs/", StringComparison.Ordinal) ? "jobs" : "runs";
            context.Response.Headers.Location = location.IsAbsoluteUri && !location.IsLoopback ? $"http://localhost:{Url.Port}/_logs/{kind}" : location.ToString();
        }

        if (notModified) return;
        if (answer.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
        if (content.Length > 0) await context.Response.Body.WriteAsync(content);
    }

    private void RateLimitHeaders(HttpResponse response, bool counted)
    {
        var remaining = counted ? Math.Max(0, Interlocked.Decrement(ref _remaining)) : RateLimitRemaining;
        if (response.Headers.ContainsKey("x-ratelimit-remaining")) return;
        response.Headers["x-ratelimit-limit"] = "5000";
        response.Headers["x-ratelimit-remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset"] = RateLimitReset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _prism.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the proxy saw: what was asked, on which host name, with credentials or not, and the status answered (Prism's problem document when it refused).</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, string Host, bool Authorized, int Status, string? Problem);

/// <summary>A GitHub error answer the proxy gives instead of forwarding.</summary>
public sealed record InjectedFailure(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static InjectedFailure BadCredentials { get; } = new(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""", new Dictionary<string, string>());

    public static InjectedFailure NotAccessible { get; } = new(403, """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}""", new Dictionary<string, string>());

    public static InjectedFailure Unprocessable { get; } = new(422, """{"message":"Validation Failed","errors":[{"resource":"WorkflowRun","code":"invalid"}],"documentation_url":"https://docs.github.com/rest"}""", new Dictionary<string, string>());

    public static InjectedFailure RateLimited(DateTimeOffset reset) => new(403, """{"message":"API rate limit exceeded.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""", new Dictionary<string, string>
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "0",
        ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
