using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Alerts: what raises them, their messages and links, and the dashboard list (delivery: <see cref="EngineNotificationTests"/>).</summary>
public sealed class AlertTests
{
    private static async Task<JsonElement> DashboardAsync(GitHubHost host)
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Sensitive_files_urgent_labels_and_default_branch_failures_raise_alerts()
    {
        await using var host = await GitHubHost.StartAsync();
        var delivery = Guid.NewGuid().ToString();
        using (var push = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", ["config/.env", "deploy/server.PEM"], ["src/app.cs"]), ("c2", [], ["keys/id_rsa.pub"])), delivery)) Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        using (var urgent = await host.PostAsync("issues", Payloads.With("issues/opened.payload.json", p => p["issue"]!["labels"]!.AsArray().Add(new JsonObject { ["name"] = "p0" })))) Assert.Equal(HttpStatusCode.Accepted, urgent.StatusCode);
        using (var labelled = await host.PostAsync("issues", Payloads.With("issues/labeled.payload.json", p => p["label"]!["name"] = "Critical"))) Assert.Equal(HttpStatusCode.Accepted, labelled.StatusCode);
        // check_suite/completed.1 runs on main, the default branch; check_suite/completed on "changes", not the default.
        using (var onMain = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.1.payload.json", p => p["check_suite"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, onMain.StatusCode);
        using (var onBranch = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.payload.json", p => p["check_suite"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, onBranch.StatusCode);
        using (var benign = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c3", ["docs/secrets-management.md"], ["env.example"])))) Assert.Equal(HttpStatusCode.Accepted, benign.StatusCode);
        // Replaying the first push (once it was processed: a redelivery while the first still waits is not queued at all) raises nothing new.
        await host.WaitProcessedAsync(6);
        using (var replay = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", ["config/.env"], [])), delivery)) Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await host.WaitProcessedAsync(7);

        var alerts = (await DashboardAsync(host)).GetProperty("alerts").EnumerateArray().ToList();
        var kinds = alerts.Select(a => a.GetProperty("kind").GetString()).Order().ToList();
        // The benign push matches *secret* ("secrets-management.md"): the glob is deliberately broad.
        Assert.Equal(["build_failure", "sensitive_file", "sensitive_file", "urgent_issue", "urgent_issue"], kinds);
        var sensitive = alerts.First(a => a.GetProperty("delivery").GetString() == delivery);
        Assert.Equal("critical", sensitive.GetProperty("severity").GetString());
        Assert.Equal("octo/app", sensitive.GetProperty("repository").GetString());
        Assert.Contains("config/.env", sensitive.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("deploy/server.PEM", sensitive.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("src/app.cs", sensitive.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(sensitive.TryGetProperty("at", out _));
        // GitHub's own log entry (event id 4007), not the alerting engine's log channel.
        Assert.Equal(5, host.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Id.Id == 4007));
    }

    [Fact]
    public async Task Alert_messages_read_as_sentences()
    {
        await using var host = await GitHubHost.StartAsync();
        using (var push = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", ["config/.env", "deploy/server.pem"], []), ("c2", [], ["keys/id_rsa"])))) Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        using (var urgent = await host.PostAsync("issues", Payloads.With("issues/opened.payload.json", p => p["issue"]!["labels"]!.AsArray().Add(new JsonObject { ["name"] = "P0" })))) Assert.Equal(HttpStatusCode.Accepted, urgent.StatusCode);
        using (var workflow = await host.PostAsync("workflow_run", Payloads.With("workflow_run/completed.payload.json", p =>
        {
            p["workflow_run"]!["name"] = "CI";
            p["workflow_run"]!["conclusion"] = "failure";
        }))) Assert.Equal(HttpStatusCode.Accepted, workflow.StatusCode);
        using (var suite = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.1.payload.json", p => p["check_suite"]!["conclusion"] = "timed_out"))) Assert.Equal(HttpStatusCode.Accepted, suite.StatusCode);
        await host.WaitProcessedAsync(4);

        var messages = (await DashboardAsync(host)).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("message").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "A check suite timed out on main, the default branch.",
            "A push to main touches sensitive files: config/.env, deploy/server.pem and keys/id_rsa.",
            "Issue #1, 'Spelling error in the README file', is labelled P0.",
            "The workflow 'CI' failed on master, the default branch.",
        ], messages);
    }

    [Fact]
    public async Task Alerts_link_to_the_commit_issue_or_run()
    {
        await using var host = await GitHubHost.StartAsync();
        var push = Payloads.With("push/payload.json", p =>
        {
            p["ref"] = "refs/heads/main";
            p["deleted"] = false;
            p["commits"] = new JsonArray(
                new JsonObject { ["id"] = "a1", ["distinct"] = true, ["url"] = "https://github.com/octo/app/commit/a1", ["added"] = new JsonArray("README.md"), ["modified"] = new JsonArray(), ["removed"] = new JsonArray() },
                new JsonObject { ["id"] = "b2", ["distinct"] = true, ["url"] = "https://github.com/octo/app/commit/b2", ["added"] = new JsonArray("config/.env"), ["modified"] = new JsonArray(), ["removed"] = new JsonArray() });
        });
        using (var sensitive = await host.PostAsync("push", push)) Assert.Equal(HttpStatusCode.Accepted, sensitive.StatusCode);
        using (var urgent = await host.PostAsync("issues", Payloads.With("issues/opened.payload.json", p => p["issue"]!["labels"]!.AsArray().Add(new JsonObject { ["name"] = "P0" })))) Assert.Equal(HttpStatusCode.Accepted, urgent.StatusCode);
        using (var workflow = await host.PostAsync("workflow_run", Payloads.With("workflow_run/completed.payload.json", p => p["workflow_run"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, workflow.StatusCode);
        using (var suite = await host.PostAsync("check_suite", Payloads.With("check_suite/completed.1.payload.json", p => p["check_suite"]!["conclusion"] = "failure"))) Assert.Equal(HttpStatusCode.Accepted, suite.StatusCode);
        await host.WaitProcessedAsync(4);

        var urls = (await DashboardAsync(host)).GetProperty("alerts").EnumerateArray().ToDictionary(a => a.GetProperty("kind").GetString() + (a.GetProperty("message").GetString()!.StartsWith("A check suite", StringComparison.Ordinal) ? ":suite" : ""), a => a.GetProperty("url").GetString());
        Assert.Equal("https://github.com/octo/app/commit/b2", urls["sensitive_file"]);
        Assert.Equal("https://github.com/Codertocat/Hello-World/issues/1", urls["urgent_issue"]);
        Assert.Equal("https://github.com/octo-org/octo-repo/actions/runs/289782451", urls["build_failure"]);
        Assert.Equal("https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821", urls["build_failure:suite"]);
    }

    [Fact]
    public async Task The_alert_list_keeps_the_newest()
    {
        await using var host = await GitHubHost.StartAsync(o => o.Alerts.Keep = 3);
        var alerts = host.Services.GetRequiredService<GitHubAlerts>();
        for (var i = 0; i < 5; i++) alerts.Raise(new GitHubAlert("k", "high", "o/r", $"m{i}", DateTimeOffset.UnixEpoch, $"d{i}"));
        Assert.Equal(["m4", "m3", "m2"], alerts.Recent.Select(a => a.Message));
    }
}
