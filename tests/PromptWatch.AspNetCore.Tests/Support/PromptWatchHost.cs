using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>
/// The sample web host in memory, watching one real repository. The poll interval is long, so tests
/// decide when a refresh happens (POST api/refresh) unless they set a short one.
/// </summary>
public sealed class PromptWatchHost(
    string repositoryPath,
    TimeSpan? pollInterval = null,
    string? resultsDirectory = null,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PromptWatch:Repositories:0:Name", "service");
        builder.UseSetting("PromptWatch:Repositories:0:Location", repositoryPath);
        builder.UseSetting("PromptWatch:PollInterval", (pollInterval ?? TimeSpan.FromHours(1)).ToString("c"));
        if (resultsDirectory is not null) builder.UseSetting("Sample:ResultsDirectory", resultsDirectory);
        // The machine's load and a host without results would decide the overall status; tests of those checks switch them on.
        builder.UseSetting("PromptWatch:Health:Resources:HealthChecks:Enabled", "false");
        builder.UseSetting("PromptWatch:Health:Configuration:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (configureServices is not null) builder.ConfigureServices(configureServices);
        builder.UseEnvironment("Production");
    }

    /// <summary>A client that has waited for a first refresh.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        using var response = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return client;
    }
}
