using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;

namespace PromptWatch.GitHub.Tests;

/// <summary>The <c>promptwatch:github</c> check as the host shapes it: its name, tags and failure status, or none at all.</summary>
public sealed class HealthCheckRegistrationTests
{
    [Fact]
    public async Task By_default_it_is_named_and_tagged_as_before_and_answers()
    {
        await using var provider = Provider([]);

        var registration = Assert.Single(Registrations(provider), static r => r.Name == "promptwatch:github");

        Assert.Equal(["promptwatch", "ready"], registration.Tags.Order());
        Assert.Equal(HealthStatus.Unhealthy, registration.FailureStatus);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "promptwatch:github");
        Assert.Equal(HealthStatus.Healthy, report.Entries["promptwatch:github"].Status);
    }

    [Fact]
    public async Task Configuration_gives_it_another_name_tags_and_failure_status()
    {
        await using var provider = Provider(new()
        {
            ["PromptWatch:GitHub:HealthChecks:Name"] = "webhooks",
            ["PromptWatch:GitHub:HealthChecks:Tags:0"] = "live",
            ["PromptWatch:GitHub:HealthChecks:FailureStatus"] = "Degraded",
        });

        var registrations = Registrations(provider);

        Assert.DoesNotContain(registrations, static r => r.Name == "promptwatch:github");
        var registration = Assert.Single(registrations, static r => r.Name == "webhooks");
        Assert.Equal(["live"], registration.Tags);
        Assert.Equal(HealthStatus.Degraded, registration.FailureStatus);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "webhooks");
        Assert.Equal(HealthStatus.Healthy, report.Entries["webhooks"].Status);
    }

    [Fact]
    public async Task Code_turns_it_off()
    {
        await using var provider = Provider([], static o => o.HealthChecks.Enabled = false);

        Assert.DoesNotContain(Registrations(provider), static r => r.Name.Contains("github", StringComparison.Ordinal));
    }

    private static ICollection<HealthCheckRegistration> Registrations(IServiceProvider provider) => provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<GitHubWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPromptWatch(static o =>
        {
            o.HealthChecks.Enabled = false;
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        }).AddGitHubWebhooks(o =>
        {
            o.Secret = "webhook-secret";
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
