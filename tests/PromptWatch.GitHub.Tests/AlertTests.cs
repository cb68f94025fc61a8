using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Alerts: what raises them, the dashboard list, and delivery to real HTTP sinks (failing ones included).</summary>
public sealed class AlertTests
{
    private const string SlackToken = "T0SECRET/B0SECRET/XyzSlackTokenSecret";

    private static async Task<JsonElement> DashboardAsync(GitHubHost host)
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    /// <summary>Waits for <paramref name="condition"/>; 60 s is a bound for "does not hang", not for speed.</summary>
    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(20);
        }
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
        Assert.Equal(5, host.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Message.StartsWith("Alert ", StringComparison.Ordinal)));
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
    public async Task Sinks_receive_alerts_with_retries_and_never_log_their_urls()
    {
        await using var sinks = await SinkServer.StartAsync();
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.Alerts.WebhookUrl = new Uri(sinks.BaseAddress, "flaky/alerts?token=json-secret-token").ToString();
            o.Alerts.SlackWebhookUrl = new Uri(sinks.BaseAddress, "ok/services/" + SlackToken).ToString();
            o.Alerts.RetryDelay = TimeSpan.FromMilliseconds(20);
        });
        using (var push = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", ["prod.key"], [])))) Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        await WaitAsync(() => sinks.Received.Count == 2, "both sinks received the alert");

        var json = sinks.Received.Single(r => r.Path.StartsWith("/flaky/", StringComparison.Ordinal));
        Assert.Equal(3, sinks.Attempts(json.Path));
        using var alert = JsonDocument.Parse(json.Body);
        Assert.Equal("sensitive_file", alert.RootElement.GetProperty("kind").GetString());
        Assert.Equal("octo/app", alert.RootElement.GetProperty("repository").GetString());
        var slack = sinks.Received.Single(r => r.Path.StartsWith("/ok/", StringComparison.Ordinal));
        using var message = JsonDocument.Parse(slack.Body);
        Assert.Contains("prod.key", message.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        Assert.DoesNotContain("json-secret-token", host.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", host.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(sinks.BaseAddress.Authority, host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sink_that_fails_or_hangs_is_given_up_after_its_retries_without_blocking_the_receiver()
    {
        await using var sinks = await SinkServer.StartAsync();
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.Alerts.WebhookUrl = new Uri(sinks.BaseAddress, "down/hook").ToString();
            o.Alerts.SlackWebhookUrl = new Uri(sinks.BaseAddress, "slow/services/" + SlackToken).ToString();
            o.Alerts.Retries = 2;
            o.Alerts.RetryDelay = TimeSpan.FromMilliseconds(10);
            // Long enough that a busy machine's 500 always comes back in time (with 300 ms it could be logged as a
            // time-out, or cancelled before the sink saw the attempt); the slow sink never answers within 30 s.
            o.Alerts.Timeout = TimeSpan.FromSeconds(5);
        });
        using (var push = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", ["a.p12"], [])))) Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        await host.WaitProcessedAsync(1);
        // The receiver and processing go on while the sinks fail.
        using (var next = await host.PostAsync("issues", Fixtures.Read("issues/opened.payload.json"))) Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        await host.WaitProcessedAsync(2);
        Assert.Equal(1, (await host.CountersAsync())["issues_opened"]);

        await WaitAsync(() => host.Logs.GetSnapshot().Count(r => r.Message.Contains("gave up", StringComparison.Ordinal)) == 2, "both sinks gave up");
        Assert.Equal(3, sinks.Attempts("/down/hook"));
        Assert.Empty(sinks.Received);
        var gaveUp = host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Error && r.Message.Contains("gave up", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Contains(gaveUp, l => l.Contains("status 500", StringComparison.Ordinal));
        Assert.Contains(gaveUp, l => l.Contains("no answer within", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sink_url_in_invalid_configuration_is_named_by_setting_never_by_value()
    {
        var options = new GitHubWebhookOptions { Secret = "x" };
        options.Alerts.SlackWebhookUrl = "hooks.example/" + SlackToken;
        var result = new GitHubWebhookOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("PromptWatch:GitHub:Alerts:SlackWebhookUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alert_list_keeps_the_newest()
    {
        using var metrics = new GitHubMetrics();
        var options = Options.Create(new GitHubWebhookOptions());
        options.Value.Alerts.Keep = 3;
        var alerts = new GitHubAlerts(options, NullLogger<GitHubAlerts>.Instance, metrics);
        for (var i = 0; i < 5; i++) alerts.Raise(new GitHubAlert("k", "high", "o/r", $"m{i}", DateTimeOffset.UnixEpoch, $"d{i}"));
        Assert.Equal(["m4", "m3", "m2"], alerts.Recent.Select(a => a.Message));
    }
}
