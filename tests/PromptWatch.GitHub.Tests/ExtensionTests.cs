using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Models.StatusEvent;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Hosts extend the processor by deriving; options are validated with messages that name the setting.</summary>
public sealed class ExtensionTests
{
    private sealed class StatusProcessor(IOptions<GitHubWebhookOptions> options) : GitHubEventProcessor(options)
    {
        // The default counts nothing for a commit status; this host counts failed ones as build failures and the rest
        // as other, after an await, as a processor that looks something up would.
        protected override async ValueTask OnStatusAsync(StatusEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            outcome.Count(payload.State == StatusState.Failure || payload.State == StatusState.Error ? "build_failures" : "other");
        }
    }

    [Fact]
    public async Task A_derived_processor_registered_first_replaces_the_default()
    {
        await using var host = await GitHubHost.StartAsync(services: s => s.AddSingleton<GitHubEventProcessor, StatusProcessor>());
        using var response = await host.PostAsync("status", Fixtures.Read("status/payload.json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(1);
        Assert.Equal(1, (await host.CountersAsync())["other"]);
    }

    [Theory]
    [InlineData("TimeZone", "PromptWatch:GitHub:TimeZone")]
    [InlineData("MaxBodyBytes", "PromptWatch:GitHub:MaxBodyBytes")]
    [InlineData("QueueCapacity", "PromptWatch:GitHub:QueueCapacity")]
    [InlineData("TestNamePatterns", "PromptWatch:GitHub:Rules:TestNamePatterns")]
    [InlineData("Keep", "PromptWatch:GitHub:Alerts:Keep")]
    public void Invalid_options_are_refused_with_the_setting_named(string setting, string named)
    {
        var options = new GitHubWebhookOptions { Secret = "s" };
        switch (setting)
        {
            case "TimeZone": options.TimeZone = "Mars/Olympus"; break;
            case "MaxBodyBytes": options.MaxBodyBytes = 0; break;
            case "QueueCapacity": options.QueueCapacity = 0; break;
            case "TestNamePatterns": options.Rules.TestNamePatterns.Add("(unclosed"); break;
            case "Keep": options.Alerts.Keep = 0; break;
        }

        var result = new GitHubWebhookOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        options = new GitHubWebhookOptions { Secret = "s" };
        Assert.True(new GitHubWebhookOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task Rules_and_the_repository_map_bind_from_configuration()
    {
        await using var host = await GitHubHost.StartAsync(services: s =>
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PromptWatch:GitHub:Rules:UrgentLabels:0"] = "sev1",
                ["PromptWatch:GitHub:RepositoryMap:octo/app"] = "service",
                ["PromptWatch:GitHub:TimeZone"] = "Europe/Berlin",
            }).Build();
            s.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        });
        var options = host.Services.GetRequiredService<IOptions<GitHubWebhookOptions>>().Value;
        Assert.Equal(["sev1"], options.Rules.UrgentLabels);
        Assert.Equal(["hotfix"], options.Rules.HotfixPatterns);
        Assert.Equal("service", options.RepositoryMap["OCTO/APP"]);
        Assert.Equal("Europe/Berlin", options.TimeZone);
    }
}
