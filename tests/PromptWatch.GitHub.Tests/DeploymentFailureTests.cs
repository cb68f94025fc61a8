using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>A deployment status of state <c>failure</c> or <c>error</c> raises <c>deployment_failure</c>, which the default rule turns into an alert.</summary>
public sealed class DeploymentFailureTests
{
    [Fact]
    public async Task Failed_and_errored_deployment_statuses_alert_and_others_do_not()
    {
        await using var host = await GitHubHost.StartAsync();
        // The fixtures as they are: a success in production and an in-progress GitHub Pages deployment.
        using (var success = await host.PostAsync("deployment_status", Fixtures.Read("deployment_status/payload.json"))) Assert.Equal(HttpStatusCode.Accepted, success.StatusCode);
        using (var pending = await host.PostAsync("deployment_status", Fixtures.Read("deployment_status/gh-pages.payload.json"))) Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        using (var failure = await host.PostAsync("deployment_status", Payloads.With("deployment_status/payload.json", p => p["deployment_status"]!["state"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, failure.StatusCode);
        using (var error = await host.PostAsync("deployment_status", Payloads.With("deployment_status/gh-pages.payload.json", p => p["deployment_status"]!["state"] = "error"))) Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        await host.WaitProcessedAsync(4);

        var raised = host.Services.GetRequiredService<GitHubAlerts>().Recent.Where(a => a.Kind == AlertEventKinds.DeploymentFailure).OrderBy(a => a.Message, StringComparer.Ordinal).ToList();
        Assert.Equal(["A deployment to github-pages ended in an error.", "A deployment to production failed."], raised.Select(a => a.Message));
        Assert.All(raised, a => Assert.Equal("Codertocat/Hello-World", a.Repository));
        Assert.Equal("production", raised[1].Labels["environment"]);
        Assert.Equal("https://github.com/CorsixTH/CorsixTH/runs/4687056418?check_suite_focus=true", raised[0].Url);

        var manager = host.Services.GetRequiredService<IAlertManager>();
        var alerts = await AlertWait.ForAsync(manager, AlertState.Firing, "deployment_failure", 2);
        Assert.All(alerts, a => Assert.Equal(AlertSeverity.Error, a.Severity));
        Assert.Equal(["github-pages", "production"], alerts.Select(a => a.Labels["environment"]).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal("Codertocat/Hello-World", a.Labels["repository"]));
        // The delivery's own severity is a label; the alert's severity stays the rule's.
        Assert.All(alerts, a => Assert.Equal("high", a.Labels["github_severity"]));
    }
}
