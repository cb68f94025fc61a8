using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.GitHub;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A real Kestrel host on a loopback port with PromptWatch, the webhook receiver at
/// <c>/api/monitor/webhook</c> and the activity endpoints, watching one real repository.
/// </summary>
public sealed class GitHubHost : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret-0123456789";
    private readonly WebApplication _app;
    private readonly TestRepository? _ownRepository;

    private GitHubHost(WebApplication app, TestRepository? ownRepository, Uri baseAddress)
    {
        _app = app;
        _ownRepository = ownRepository;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every record logged at Debug and above, by the fake logger.</summary>
    public FakeLogCollector Logs { get; private set; } = null!;

    public static async Task<GitHubHost> StartAsync(
        Action<GitHubWebhookOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<PromptWatchOptions>? promptWatch = null,
        string? repositoryPath = null,
        bool mapPromptWatch = false,
        Action<WebApplication>? beforeRoutes = null,
        Action<IPromptWatchBuilder>? alerting = null)
    {
        TestRepository? own = null;
        if (repositoryPath is null)
        {
            own = TestRepository.Create();
            own.WriteFile("chart/values-test.yaml", "# test\n");
            own.Commit("init", GitSignature.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            repositoryPath = own.Path;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddProblemDetails();
        services?.Invoke(builder.Services);
        // Unless the test brings its own clock: hour and week boundaries stay out of reach of a test's run.
        builder.Services.TryAddSingleton<TimeProvider>(new MidWeekClock());
        var promptWatchBuilder = builder.Services.AddPromptWatch(o =>
            {
                o.PollInterval = TimeSpan.FromHours(1);
                o.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = repositoryPath });
                promptWatch?.Invoke(o);
            })
            .AddGitHubWebhooks(o =>
            {
                o.Secret = Secret;
                configure?.Invoke(o);
            });
        alerting?.Invoke(promptWatchBuilder);
        var app = builder.Build();
        beforeRoutes?.Invoke(app);
        app.MapGitHubWebhooks();
        app.MapGitHubActivity();
        if (mapPromptWatch) app.MapPromptWatch("/");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GitHubHost(app, own, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/")) { Logs = app.Services.GetFakeLogCollector() };
    }

    public static string Sign(byte[] body, string secret = Secret) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Posts a body as GitHub does: signed, with event and delivery headers.</summary>
    public async Task<HttpResponseMessage> PostAsync(string eventName, byte[] body, string? delivery = null, string? signature = "", bool withEvent = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (withEvent) request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.Add("User-Agent", "GitHub-Hookshot/test");
        if (signature == "") signature = Sign(body);
        if (signature is not null) request.Headers.Add("X-Hub-Signature-256", signature);
        return await Client.SendAsync(request);
    }

    public async Task<Dictionary<string, long>> CountersAsync()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync(new Uri("api/monitor/counters", UriKind.Relative)));
        return document.RootElement.GetProperty("counters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    public async Task<long> ProcessedAsync()
    {
        using var document = JsonDocument.Parse(await (await Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative))).Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("processed").GetInt64();
    }

    /// <summary>Waits until the service has processed <paramref name="count"/> deliveries in all (generous bound: does not hang).</summary>
    public async Task WaitProcessedAsync(long count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (await ProcessedAsync() < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Fewer than {count} deliveries were processed.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownRepository?.Dispose();
    }
}
