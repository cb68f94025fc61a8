extern alias embedded;

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The embedded sample: a service of its own with API-key authentication, PromptWatch under /promptwatch.</summary>
public sealed class EmbeddedSampleTests : IDisposable
{
    private const string Key = "orders-test-key-7f3a";

    private readonly WatchedRepository _repository = new();

    public EmbeddedSampleTests()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the order.");
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the order.");
    }

    [Theory]
    [InlineData("/promptwatch/api/changes")]
    [InlineData("/promptwatch/api/repositories")]
    [InlineData("/promptwatch/")]
    [InlineData("/orders")]
    public async Task Protected_endpoints_answer_401_without_the_key_or_with_a_wrong_one(string path)
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, path, apiKey: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, path, "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, path, Key + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, path, string.Empty)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_needs_the_key_too()
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Post, "/promptwatch/api/refresh", apiKey: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Post, "/promptwatch/api/refresh", "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, "/promptwatch/api/refresh", Key)).StatusCode);
    }

    [Fact]
    public async Task With_the_key_the_timeline_lists_the_repository_entries()
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = await host.StartAsync();

        using var response = await SendAsync(client, HttpMethod.Get, "/promptwatch/api/changes", Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var changes = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = changes.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["prod", "test"], entries.Select(static e => e.GetProperty("environment").GetString()));
        Assert.All(entries, static e => Assert.Equal("summarize", e.GetProperty("usecase").GetString()));
    }

    [Fact]
    public async Task With_the_key_the_service_own_endpoints_answer()
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = host.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Get, "/orders", Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var orders = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, orders.RootElement.GetArrayLength());
        Assert.Equal("A-1001", orders.RootElement[0].GetProperty("id").GetString());

        // The home page stays anonymous.
        using var home = await SendAsync(client, HttpMethod.Get, "/", apiKey: null);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("Orders service", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoints_are_anonymous()
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = await host.StartAsync();

        using var health = await SendAsync(client, HttpMethod.Get, "/health", apiKey: null);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/health/live", apiKey: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/health/ready", apiKey: null)).StatusCode);
    }

    [Fact]
    public async Task With_the_key_the_dashboard_is_served()
    {
        using var host = new EmbeddedHost(_repository.Path, Key);
        using var client = await host.StartAsync();

        using var page = await SendAsync(client, HttpMethod.Get, "/promptwatch/", Key);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Without_a_configured_key_the_service_refuses_to_start()
    {
        using var host = new EmbeddedHost(_repository.Path, apiKey: null);

        var error = Assert.Throws<InvalidOperationException>(() => host.CreateClient());
        Assert.Contains("Auth:ApiKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? apiKey)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    /// <summary>The embedded sample in memory, watching one real repository; refreshes happen when a test asks.</summary>
    private sealed class EmbeddedHost(string repositoryPath, string? apiKey) : WebApplicationFactory<embedded::Program>
    {
        /// <summary>A client that has waited for a first refresh.</summary>
        public async Task<HttpClient> StartAsync()
        {
            var client = CreateClient();
            using var response = await SendAsync(client, HttpMethod.Post, "/promptwatch/api/refresh", apiKey);
            response.EnsureSuccessStatusCode();
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("PromptWatch:Repositories:0:Name", "orders-deployment");
            builder.UseSetting("PromptWatch:Repositories:0:Location", repositoryPath);
            builder.UseSetting("PromptWatch:PollInterval", TimeSpan.FromHours(1).ToString("c"));
            // An empty value also counts as "no key".
            builder.UseSetting("Auth:ApiKey", apiKey ?? string.Empty);
            builder.UseEnvironment("Production");
        }
    }
}
