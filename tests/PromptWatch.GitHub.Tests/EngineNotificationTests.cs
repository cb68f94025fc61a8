using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Hosting;
using PromptWatch.Notifications.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// GitHub alerts reach people through the alerting engine: its default rules and the channels of
/// <c>AddAlertChannels()</c>, here a JSON webhook and Slack on loopback receivers.
/// </summary>
public sealed class EngineNotificationTests
{
    private static readonly HashSet<string> GitHubRules = new(StringComparer.Ordinal) { "sensitive_file", "urgent_issue", "build_failure_default_branch" };

    /// <summary>
    /// The next <paramref name="count"/> webhook notifications of the GitHub rules, in order of arrival (the health
    /// rules of the same host may notify in between; they are passed over).
    /// </summary>
    private static async Task<List<JsonElement>> WebhookAlertsAsync(LoopbackReceiver receiver, int count)
    {
        var alerts = new List<JsonElement>();
        while (alerts.Count < count)
        {
            using var body = (await receiver.NextAsync()).Json();
            Assert.Equal("firing", body.RootElement.GetProperty("kind").GetString());
            var alert = Assert.Single(body.RootElement.GetProperty("alerts").EnumerateArray().ToList()).Clone();
            if (GitHubRules.Contains(alert.GetProperty("rule").GetString()!)) alerts.Add(alert);
        }

        return alerts;
    }

    /// <summary>The next <paramref name="count"/> Slack messages of the GitHub rules: their fallback text ("[SEVERITY] rule: summary").</summary>
    private static async Task<List<string>> SlackTextsAsync(LoopbackReceiver receiver, int count)
    {
        var texts = new List<string>();
        while (texts.Count < count)
        {
            using var body = (await receiver.NextAsync()).Json();
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("blocks").ValueKind);
            var text = body.RootElement.GetProperty("text").GetString()!;
            if (GitHubRules.Any(rule => text.Contains("] " + rule + ":", StringComparison.Ordinal))) texts.Add(text);
        }

        return texts;
    }

    private static string Label(JsonElement alert, string name) => alert.GetProperty("labels").GetProperty(name).GetString()!;

    [Fact]
    public async Task Sensitive_files_urgent_issues_and_default_branch_failures_notify_once_through_the_engine()
    {
        await using var webhook = await LoopbackReceiver.StartAsync();
        await using var slack = await LoopbackReceiver.StartAsync();
        await using var host = await GitHubHost.StartAsync(alerting: b => b.AddAlertChannels(o =>
        {
            o.Webhook.Url = webhook.Url.AbsoluteUri;
            o.Slack.WebhookUrl = slack.Url.AbsoluteUri;
        }));

        var delivery = Guid.NewGuid().ToString();
        var push = Payloads.Push("main", "octo/app", ("c1", ["config/.env"], ["src/app.cs"]));
        using (var first = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await host.WaitProcessedAsync(1);
        // GitHub's redelivery of the same delivery: neither counted nor notified again.
        using (var again = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        using (var urgent = await host.PostAsync("issues", Payloads.With("issues/opened.payload.json", p => p["issue"]!["labels"]!.AsArray().Add(new JsonObject { ["name"] = "P0" })))) Assert.Equal(HttpStatusCode.Accepted, urgent.StatusCode);
        // check_suite/completed runs on "changes", not the default branch: counted, no alert, no notification.
        using (var onBranch = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.payload.json", p => p["check_suite"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, onBranch.StatusCode);
        using (var onMain = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.1.payload.json", p => p["check_suite"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, onMain.StatusCode);
        // A default branch that is neither main nor master still is the default branch.
        using (var onDevelop = await host.PostAsync("workflow_run", Payloads.With("workflow_run/completed.payload.json", p =>
        {
            p["repository"]!["default_branch"] = "develop";
            p["workflow_run"]!["head_branch"] = "develop";
            p["workflow_run"]!["name"] = "CI";
            p["workflow_run"]!["conclusion"] = "failure";
        }))) Assert.Equal(HttpStatusCode.Accepted, onDevelop.StatusCode);
        await host.WaitProcessedAsync(6);
        Assert.Equal(3, (await host.CountersAsync())["build_failures"]);

        // Events are matched and sent in order: a second notification of the push, or one of the build on "changes",
        // would arrive before the one that follows it here.
        var alerts = await WebhookAlertsAsync(webhook, 4);
        Assert.Equal(["sensitive_file", "urgent_issue", "build_failure_default_branch", "build_failure_default_branch"], alerts.Select(a => a.GetProperty("rule").GetString()));

        var sensitive = alerts[0];
        Assert.Equal("critical", sensitive.GetProperty("severity").GetString());
        Assert.Equal(("octo/app", "main", "config/.env"), (Label(sensitive, "repository"), Label(sensitive, "branch"), Label(sensitive, "path")));
        Assert.Equal("A push to main touches a sensitive file: config/.env.", sensitive.GetProperty("summary").GetString());

        var issue = alerts[1];
        Assert.Equal(("Codertocat/Hello-World", "P0"), (Label(issue, "repository"), Label(issue, "label")));
        Assert.Equal("https://github.com/Codertocat/Hello-World/issues/1", issue.GetProperty("url").GetString());

        var suite = alerts[2];
        Assert.Equal(("Codertocat/Hello-World", "main", "true"), (Label(suite, "repository"), Label(suite, "branch"), Label(suite, "default_branch")));
        Assert.Equal("A check suite failed on main, the default branch.", suite.GetProperty("summary").GetString());

        var workflow = alerts[3];
        Assert.Equal(("octo-org/octo-repo", "develop", "true", "CI"), (Label(workflow, "repository"), Label(workflow, "branch"), Label(workflow, "default_branch"), Label(workflow, "workflow")));
        Assert.Equal("https://github.com/octo-org/octo-repo/actions/runs/289782451", workflow.GetProperty("url").GetString());

        var texts = await SlackTextsAsync(slack, 4);
        Assert.StartsWith("[CRITICAL] sensitive_file: A push to main touches a sensitive file", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("[ERROR] urgent_issue: Issue #1", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("[ERROR] build_failure_default_branch: A check suite failed on main", texts[2], StringComparison.Ordinal);
        Assert.StartsWith("[ERROR] build_failure_default_branch: The workflow 'CI' failed on develop", texts[3], StringComparison.Ordinal);

        // The channels' URLs are secrets (the receivers' paths hold token-like parts).
        Assert.DoesNotContain("xoxSecretToken123", host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_adds_the_engine_after_the_GitHub_integration_keeps_one_engine_with_its_settings()
    {
        await using var host = await GitHubHost.StartAsync(
            services: s => s.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PromptWatch:Alerting:Rules:0:Name"] = "deploys",
                ["PromptWatch:Alerting:Rules:0:Event:Kind"] = AlertEventKinds.DeploymentFailure,
            }).Build()),
            alerting: b => b.AddAlerting(o => o.Cooldown = TimeSpan.FromMinutes(7)));

        var manager = Assert.Single(host.Services.GetServices<IAlertManager>());
        Assert.Same(manager, host.Services.GetRequiredService<IAlertEventPublisher>());
        Assert.Equal(TimeSpan.FromMinutes(7), host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value.Cooldown);
        // Configuration is bound once: a second binding would list the configured rule twice (and fail validation).
        Assert.Single(host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value.Rules);
        var rules = await manager.GetRulesAsync();
        Assert.Single(rules, r => r.Name == "deploys");
        Assert.Contains(rules, r => r.Name == "build_failure_default_branch" && r.Event!.Filter["default_branch"] == "true");
    }
}
