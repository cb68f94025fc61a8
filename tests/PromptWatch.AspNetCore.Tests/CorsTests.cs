using System.Net;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>ALLOWED_ORIGINS lets dashboards of other origins call the API; without it no response carries CORS headers.</summary>
public sealed class CorsTests : IDisposable
{
    private const string Listed = "https://monitor.example.com";
    private readonly WatchedRepository _repository = new();

    public CorsTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Theory]
    [InlineData(Listed, true)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("https://elsewhere.example.com", false)]
    public async Task Only_a_listed_origin_gets_the_access_control_headers(string origin, bool allowed)
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string> { ["ALLOWED_ORIGINS"] = Listed + ", http://localhost:5173" });
        using var client = await host.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/changes");
        request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(allowed ? [origin] : [], AllowOrigin(response));
        if (allowed) Assert.Contains("ETag", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/refresh");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await client.SendAsync(preflight);
        Assert.Equal(allowed ? [origin] : [], AllowOrigin(answer));
    }

    [Fact]
    public async Task Without_allowed_origins_no_origin_gets_them()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/changes");
        request.Headers.Add("Origin", Listed);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(AllowOrigin(response));
    }

    private static string[] AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? [.. values] : [];

    public void Dispose() => _repository.Dispose();
}
