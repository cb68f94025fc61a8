using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;

namespace PromptWatch.Workspaces.Tests.Support;

/// <summary>
/// A real web host on a loopback port that serves only workspaces (no repository of its own): AddPromptWatch(),
/// AddWorkspaces() from the given settings, MapPromptWatch(), MapPromptWatchWorkspaces() and the health endpoints, with
/// every log line recorded.
/// Requests may carry <c>X-Test-User</c> and <c>X-Test-Roles</c> to be authenticated as that user.
/// </summary>
internal sealed class WorkspaceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkspaceHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Logs = app.Services.GetFakeLogCollector();
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>Every record logged, at every level, by the fake logger; <c>Logs.AllText()</c> is all of it as one text.</summary>
    public FakeLogCollector Logs { get; }

    public WorkspaceManager Manager => _app.Services.GetRequiredService<WorkspaceManager>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; without <paramref name="authentication"/> it has no authentication at all.</summary>
    public static async Task<WorkspaceHost> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null, bool authentication = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.Services.AddProblemDetails();
        if (authentication) builder.Services.AddAuthentication(HeaderAuthentication.Name).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
        builder.Services.AddPromptWatch().AddWorkspaces();
        var app = builder.Build();
        if (authentication) app.UseAuthentication();
        app.MapPromptWatchHealthChecks("/health");
        app.MapPromptWatch("/");
        app.MapPromptWatchWorkspaces("/");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromSeconds(60) };
        return new WorkspaceHost(app, client);
    }

    /// <summary>
    /// Settings for a host whose workspaces live on <paramref name="server"/>, clusters <c>*.apps.test</c> (trusted with the
    /// users' credentials), open to requests without a signed-in user.
    /// </summary>
    public static Dictionary<string, string?> Settings(GitHttpServer server, string cacheDirectory) => new()
    {
        ["PromptWatch:Workspaces:Enabled"] = "true",
        ["PromptWatch:Workspaces:GitRepoUrl"] = server.Template,
        ["PromptWatch:Workspaces:AllowedClusters:0"] = "*.apps.test",
        ["PromptWatch:Workspaces:CredentialWildcards:0"] = "*.apps.test",
        ["PromptWatch:Workspaces:AllowAnonymous"] = "true",
        ["PromptWatch:Workspaces:CacheDirectory"] = cacheDirectory,
        ["PromptWatch:Workspaces:PollInterval"] = "01:00:00",
    };

    /// <summary>GETs a path and parses the JSON answer; throws unless 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits until the workspace's first scan has ended (its repository shows an attempt), at most 60 s.</summary>
    public async Task<JsonElement> WaitForFirstScanAsync(string workspacePath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var repositories = await GetJsonAsync(workspacePath + "/api/repositories");
            var repository = repositories[0];
            if (!repository.GetProperty("scanning").GetBoolean()) return repository;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{workspacePath}: the first scan did not end");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Authenticates a request as the user named in <c>X-Test-User</c>, with the roles in <c>X-Test-Roles</c>.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-User", out var user)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = new List<Claim> { new(ClaimTypes.Name, user.ToString()) };
            foreach (var role in Request.Headers["X-Test-Roles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)) claims.Add(new Claim(ClaimTypes.Role, role));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Name)), Name)));
        }

        /// <summary>Challenges as an HTTP scheme does: 401 and a <c>WWW-Authenticate</c> header naming it.</summary>
        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = 401;
            Response.Headers.WWWAuthenticate = Name;
            return Task.CompletedTask;
        }
    }
}
