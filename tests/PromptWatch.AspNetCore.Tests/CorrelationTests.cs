using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample's JSON log lines: each line of a request carries its CorrelationId and TraceId scope; a valid
/// X-Correlation-ID is kept and echoed, a bad one replaced by a new id.
/// </summary>
public sealed class CorrelationTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly JsonLogCapture _logs = new();

    [Theory]
    [InlineData("order-42/retry.1")]
    [InlineData("!~")]
    public async Task A_valid_correlation_id_is_echoed_and_marks_every_line_of_its_request(string correlationId)
    {
        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo);
        var client = host.CreateClient();

        var echoed = await RefreshAsync(client, correlationId);

        Assert.Equal(correlationId, echoed);
        var lines = LinesOf(correlationId);
        Assert.NotEmpty(lines);
        Assert.All(lines, static scope => Assert.Matches("^[0-9a-f]{32}$", scope.TraceId));
    }

    [Theory]
    [InlineData("a65-characters-long-correlation-id-which-is-one-more-than-allowed")]
    [InlineData("bad\u0001id")]
    [InlineData("with space")]
    [InlineData("")]
    public async Task A_bad_or_missing_correlation_id_is_replaced_by_a_new_one(string correlationId)
    {
        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo);
        var client = host.CreateClient();

        var echoed = await RefreshAsync(client, correlationId);

        Assert.NotEqual(correlationId, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
        Assert.NotEmpty(LinesOf(echoed));
        Assert.DoesNotContain(Parsed(), line => correlationId.Length > 0 && line.CorrelationIds.Contains(correlationId));
    }

    [Fact]
    public async Task Every_request_line_is_json_with_a_correlation_id_and_a_trace_id()
    {
        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo);
        var client = host.CreateClient();
        var ids = new List<string>();
        foreach (var path in new[] { "api/changes", "health", "api/repositories", "openapi/v1.json" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            ids.Add(Assert.Single(response.Headers.GetValues("X-Correlation-ID")));
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Lines logged in the request pipeline (ASP.NET Core's own request scope), but not hosting's "Request starting"
        // and "Request finished", host filtering, routing and authentication, which WebApplication runs before the
        // application's middleware.
        var requestLines = Parsed().Where(static line => line.InRequest && !OutsideTheApplication(line.Category)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, static line =>
        {
            Assert.Single(line.CorrelationIds);
            Assert.Matches("^[0-9a-f]{32}$", line.TraceIds.Single());
        });
        Assert.All(ids, id => Assert.NotEmpty(LinesOf(id)));
    }

    [Fact]
    public async Task The_processing_of_a_webhook_delivery_logs_under_its_delivery_id()
    {
        const string Secret = "correlation-webhook-secret";
        const string DeliveryId = "delivery-7f3a-correlation";
        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo, settings: new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = Secret });
        var client = host.CreateClient();
        var body = """{"action":"frobnicated","repository":{"full_name":"octo/app"}}"""u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", DeliveryId);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret), body)));
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        // The background processing (not the request) logs the unknown action, in the delivery's scope.
        var deadline = DateTime.UtcNow.AddSeconds(60); // a bound for "does not hang", not for speed
        while (!Parsed().Any(static line => line.Category.EndsWith("WebhookProcessingService", StringComparison.Ordinal) && line.CorrelationIds.Contains(DeliveryId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "no line of the delivery's processing carries its id");
            await Task.Delay(20);
        }
    }

    private static bool OutsideTheApplication(string category) =>
        category is "Microsoft.AspNetCore.Hosting.Diagnostics" or "Microsoft.AspNetCore.HostFiltering.HostFilteringMiddleware"
        || category.StartsWith("Microsoft.AspNetCore.Routing.Matching.", StringComparison.Ordinal)
        || category == "Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"
        || category.StartsWith("Microsoft.AspNetCore.Authentication.", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore.Authorization.", StringComparison.Ordinal);

    private static async Task<string> RefreshAsync(HttpClient client, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/refresh", UriKind.Relative));
        if (correlationId.Length > 0) request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Assert.Single(response.Headers.GetValues("X-Correlation-ID"));
    }

    private List<(string CorrelationId, string TraceId)> LinesOf(string correlationId) =>
        [.. Parsed().Where(line => line.CorrelationIds.Contains(correlationId)).Select(line => (correlationId, line.TraceIds.Single()))];

    /// <summary>Parses every captured line as one JSON object and reads its category and scope properties.</summary>
    private List<LogLine> Parsed() =>
    [
        .. _logs.Lines.Select(static text =>
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var correlationIds = new List<string>();
            var traceIds = new List<string>();
            var inRequest = false;
            if (root.TryGetProperty("Scopes", out var scopes))
            {
                foreach (var scope in scopes.EnumerateArray().Where(static s => s.ValueKind == JsonValueKind.Object))
                {
                    inRequest |= scope.TryGetProperty("RequestId", out _);
                    if (scope.TryGetProperty("CorrelationId", out var id)) correlationIds.Add(id.GetString()!);
                    if (scope.TryGetProperty("CorrelationId", out _) && scope.TryGetProperty("TraceId", out var trace)) traceIds.Add(trace.GetString() ?? string.Empty);
                }
            }

            return new LogLine(root.GetProperty("Category").GetString()!, inRequest, correlationIds, traceIds);
        }),
    ];

    private sealed record LogLine(string Category, bool InRequest, List<string> CorrelationIds, List<string> TraceIds);

    public void Dispose() => _repository.Dispose();
}
