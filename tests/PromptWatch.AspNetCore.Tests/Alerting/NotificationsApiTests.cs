using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using static PromptWatch.AspNetCore.Tests.Alerting.AlertApi;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// <c>api/v1/notifications/...</c>, the pipeline monitor's routes, on the real engine: rules are created, listed,
/// replaced and deleted; a bad rule is a 400 naming the field and stores nothing; sends reach the channel; settings and
/// status never show a channel's address.
/// </summary>
public sealed class NotificationsApiTests : IDisposable
{
    private const string Rules = "api/v1/notifications/rules";
    private const string MetricRule = """{"name":"scan-errors","description":"File versions cannot be read.","severity":"error","labels":{"team":"platform"},"channels":["log"],"cooldown_seconds":600,"max_notifications_per_hour":4,"auto_resolve_after_seconds":3600,"enabled":true,"metric":{"instrument":"promptwatch.scan.errors","filter":{"repository":"serv.*"},"group_by":["repository"],"aggregation":"increase","window_seconds":300,"comparison":"gt","threshold":0,"consecutive_breaches":2}}""";
    private readonly WatchedRepository _repository = new();

    public NotificationsApiTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task A_rule_is_created_listed_replaced_and_deleted_in_the_shape_it_was_sent()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        var (status, created) = await PostAsync(client, Rules, MetricRule);
        Assert.True(status == HttpStatusCode.Created, created.RootElement.ToString());
        var rule = created.RootElement;
        Assert.Equal("scan-errors", rule.GetProperty("name").GetString());
        Assert.Equal("error", rule.GetProperty("severity").GetString());
        Assert.Equal(600, rule.GetProperty("cooldown_seconds").GetDouble());
        Assert.Equal(4, rule.GetProperty("max_notifications_per_hour").GetInt32());
        Assert.Equal(3600, rule.GetProperty("auto_resolve_after_seconds").GetDouble());
        var metric = rule.GetProperty("metric");
        Assert.Equal("promptwatch.scan.errors", metric.GetProperty("instrument").GetString());
        Assert.Equal("serv.*", metric.GetProperty("filter").GetProperty("repository").GetString());
        Assert.Equal("increase", metric.GetProperty("aggregation").GetString());
        Assert.Equal(300, metric.GetProperty("window_seconds").GetDouble());
        Assert.Equal("gt", metric.GetProperty("comparison").GetString());
        Assert.Equal(2, metric.GetProperty("consecutive_breaches").GetInt32());
        Assert.False(rule.TryGetProperty("event", out _));

        using (var listed = await GetAsync(client, Rules)) Assert.Contains(listed.RootElement.EnumerateArray(), static r => r.GetProperty("name").GetString() == "scan-errors");
        AssertProblem(await PostAsync(client, Rules, MetricRule), "name", HttpStatusCode.Conflict);

        var (updatedStatus, updated) = await SendAsync(client, HttpMethod.Put, Rules + "/scan-errors", MetricRule.Replace("\"name\":\"scan-errors\",", string.Empty, StringComparison.Ordinal).Replace("\"threshold\":0", "\"threshold\":3", StringComparison.Ordinal));
        Assert.True(updatedStatus == HttpStatusCode.OK, updated.RootElement.ToString());
        Assert.Equal(3, updated.RootElement.GetProperty("metric").GetProperty("threshold").GetDouble());
        using (var listed = await GetAsync(client, Rules)) Assert.Equal(3, listed.RootElement.EnumerateArray().Single(static r => r.GetProperty("name").GetString() == "scan-errors").GetProperty("metric").GetProperty("threshold").GetDouble());
        AssertProblem(await SendAsync(client, HttpMethod.Put, Rules + "/scan-errors", MetricRule.Replace("\"name\":\"scan-errors\"", "\"name\":\"renamed\"", StringComparison.Ordinal)), "name");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Put, Rules + "/no-such-rule", MetricRule.Replace("\"name\":\"scan-errors\",", string.Empty, StringComparison.Ordinal))).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, Rules + "/scan-errors")).Status);
        using (var listed = await GetAsync(client, Rules)) Assert.DoesNotContain(listed.RootElement.EnumerateArray(), static r => r.GetProperty("name").GetString() == "scan-errors");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Delete, Rules + "/scan-errors")).Status);
    }

    [Fact]
    public async Task An_event_rule_is_read_and_written_with_its_condition()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        var (status, created) = await PostAsync(client, Rules, """{"name":"main-broken","event":{"kind":"build_failure","filter":{"branch":"main"},"group_by":["repository"],"occurrences":1}}""");

        Assert.True(status == HttpStatusCode.Created, created.RootElement.ToString());
        var condition = created.RootElement.GetProperty("event");
        Assert.Equal("build_failure", condition.GetProperty("kind").GetString());
        Assert.Equal("main", condition.GetProperty("filter").GetProperty("branch").GetString());
        Assert.Equal("repository", condition.GetProperty("group_by")[0].GetString());
        Assert.Equal("warning", created.RootElement.GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("\"instrument\":\"promptwatch.scan.errors\"", "\"instrument\":\"promptwatch.no.such.instrument\"", "metric.instrument")]
    [InlineData("\"comparison\":\"gt\"", "\"comparison\":\"bigger\"", "metric.comparison")]
    [InlineData("\"threshold\":0", "\"threshold\":\"abc\"", "metric.threshold")]
    [InlineData("\"window_seconds\":300", "\"window_seconds\":\"soon\"", "metric.window_seconds")]
    [InlineData("\"window_seconds\":300", "\"window_seconds\":0", "metric.window_seconds")]
    [InlineData("\"aggregation\":\"increase\"", "\"aggregation\":\"median\"", "metric.aggregation")]
    [InlineData("\"severity\":\"error\"", "\"severity\":\"urgent\"", "severity")]
    [InlineData("\"consecutive_breaches\":2", "\"consecutive_breaches\":0", "metric.consecutive_breaches")]
    [InlineData("\"cooldown_seconds\":600", "\"cooldown_seconds\":-1", "cooldown_seconds")]
    [InlineData("\"enabled\":true", "\"enabled\":\"yes\"", "enabled")]
    [InlineData("\"labels\":{\"team\":\"platform\"}", "\"labels\":{\"team\":7}", "labels.team")]
    [InlineData("\"name\":\"scan-errors\",", "", "name")]
    [InlineData("\"threshold\":0", "\"threshold\":0,\"thresold\":1", "metric.thresold")]
    public async Task A_rule_with_a_bad_field_is_a_400_naming_it_and_nothing_is_stored(string valid, string invalid, string field)
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        var json = MetricRule.Replace(valid, invalid, StringComparison.Ordinal);
        Assert.NotEqual(MetricRule, json);

        AssertProblem(await PostAsync(client, Rules, json), field);

        await AssertNotStoredAsync(client);
    }

    [Theory]
    [InlineData("\"window_seconds\":300", "\"window_seconds\":315360000", "metric.window")]
    [InlineData("\"filter\":{\"repository\":\"serv.*\"}", "\"filter\":{\"repository\":\"(a+)+\\\\1\"}", "metric.filter")]
    [InlineData("\"channels\":[\"log\"]", "\"channels\":[\"pagerduty\"]", "channels")]
    public async Task A_rule_the_engine_refuses_is_a_400_naming_the_field_and_nothing_is_stored(string valid, string invalid, string fieldPrefix)
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        var json = MetricRule.Replace(valid, invalid, StringComparison.Ordinal);
        Assert.NotEqual(MetricRule, json);

        var (status, problem) = await PostAsync(client, Rules, json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {problem.RootElement}");
        var field = problem.RootElement.GetProperty("field").GetString()!;
        Assert.StartsWith(fieldPrefix, field, StringComparison.Ordinal);
        Assert.Contains(field, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNotStoredAsync(client);
    }

    [Fact]
    public async Task A_rule_needs_exactly_one_condition()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        AssertProblem(await PostAsync(client, Rules, """{"name":"nothing"}"""), "metric");
        AssertProblem(await PostAsync(client, Rules, """{"name":"both","metric":{"instrument":"promptwatch.scans","threshold":1},"event":{"kind":"build_failure"}}"""), "event");
        AssertProblem(await PostAsync(client, Rules, """{"name":"no-threshold","metric":{"instrument":"promptwatch.scans"}}"""), "metric.threshold");
        AssertProblem(await PostAsync(client, Rules, "[1,2]"), "body");
    }

    [Fact]
    public async Task Test_sends_reach_the_channel_and_an_unconfigured_channel_is_a_400_naming_it()
    {
        var slack = new RecordingChannel("slack");
        using var host = Host(_repository.Path, configureServices: services => services.AddSingleton<IAlertChannel>(slack));
        using var client = host.CreateClient();

        var (logStatus, log) = await PostAsync(client, "api/v1/notifications/test/log");
        Assert.True(logStatus == HttpStatusCode.OK, log.RootElement.ToString());
        Assert.Equal("log", log.RootElement.GetProperty("channel").GetString());
        Assert.True(log.RootElement.GetProperty("succeeded").GetBoolean());

        var (testStatus, test) = await PostAsync(client, "api/v1/notifications/test/slack");
        Assert.True(testStatus == HttpStatusCode.OK, test.RootElement.ToString());
        Assert.Equal(AlertNotificationKind.Test, Assert.Single(slack.Sent).Kind);

        var (sendStatus, sent) = await PostAsync(client, "api/v1/notifications/slack/send", """{"title":"Deploy","text":"Release 1.2 is out."}""");
        Assert.True(sendStatus == HttpStatusCode.OK, sent.RootElement.ToString());
        Assert.Equal(2, slack.Sent.Count);
        Assert.Contains("Release 1.2 is out.", string.Join(" ", slack.Sent[1].Alerts.Select(static a => a.Summary)) + " " + slack.Sent[1].Description, StringComparison.Ordinal);

        AssertProblem(await PostAsync(client, "api/v1/notifications/slack/send", """{"title":"no text"}"""), "text");
        AssertProblem(await PostAsync(client, "api/v1/notifications/test/pagerduty"), "channel");
    }

    [Fact]
    public async Task Slack_send_without_a_slack_channel_is_a_400_naming_the_channel()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        AssertProblem(await PostAsync(client, "api/v1/notifications/slack/send", """{"text":"hello"}"""), "channel");
        AssertProblem(await PostAsync(client, "api/v1/notifications/test/slack"), "channel");
    }

    [Fact]
    public async Task History_lists_the_notification_attempts_newest_first()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        var (created, body) = await PostAsync(client, Rules, """{"name":"ci-failed","channels":["log"],"event":{"kind":"build_failure"}}""");
        Assert.True(created == HttpStatusCode.Created, body.RootElement.ToString());
        await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure);

        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var history = await GetAsync(client, "api/v1/notifications/history?rule=ci-failed&limit=10");
            var entries = history.RootElement.EnumerateArray().ToList();
            Assert.All(entries, static e => Assert.Equal("notification", e.GetProperty("kind").GetString()));
            if (entries.Any(static e => e.GetProperty("channel").GetString() == "log" && e.GetProperty("outcome").GetString() == "sent")) break;
            Assert.True(DateTimeOffset.UtcNow < deadline, "No notification to the log channel: " + history.RootElement);
            await Task.Delay(50);
        }

        AssertProblem(await SendAsync(client, HttpMethod.Get, "api/v1/notifications/history?limit=zero"), "limit");
    }

    [Fact]
    public async Task Settings_and_status_name_the_channels_and_limits_but_never_an_address_or_secret()
    {
        const string Secret = "T000/B000/hook-secret-value";
        using var host = Host(_repository.Path, new()
        {
            ["PromptWatch:Alerting:Cooldown"] = "00:20:00",
            ["PromptWatch:Alerting:MaxNotificationsPerHour"] = "7",
            ["PromptWatch:Alerting:Slack:WebhookUrl"] = "https://hooks.slack.example.com/services/" + Secret,
            ["SMTP_PASSWORD"] = Secret,
            ["ALERT_WEBHOOK_URL"] = "https://hooks.example.com/alerts/" + Secret,
        });
        using var client = host.CreateClient();
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure);
        await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure);

        using var settings = await GetAsync(client, "api/v1/notifications/settings");
        var channels = settings.RootElement.GetProperty("channels").EnumerateArray().Select(static c => c.GetString()).ToList();
        Assert.Contains("log", channels);
        Assert.Contains("slack", channels);
        Assert.Contains("webhook", channels);
        Assert.Equal(1200, settings.RootElement.GetProperty("cooldown_seconds").GetDouble());
        Assert.Equal(7, settings.RootElement.GetProperty("max_notifications_per_hour").GetInt32());

        var (evaluated, evaluation) = await PostAsync(client, "api/alerts/evaluate");
        Assert.Equal(HttpStatusCode.OK, evaluated);
        using var status = await GetAsync(client, "api/v1/notifications/status");
        Assert.True(status.RootElement.GetProperty("running").GetBoolean());
        Assert.True(status.RootElement.GetProperty("last_evaluation").GetDateTimeOffset() >= evaluation.RootElement.GetProperty("at").GetDateTimeOffset());
        Assert.True(status.RootElement.GetProperty("rules").GetInt32() >= 1);
        Assert.True(status.RootElement.GetProperty("alerts").GetProperty("firing").GetInt32() >= 1);

        foreach (var body in new[] { settings.RootElement.ToString(), status.RootElement.ToString() })
        {
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("hooks.", body, StringComparison.Ordinal);
        }
    }

    private static async Task AssertNotStoredAsync(HttpClient client)
    {
        using var rules = await GetAsync(client, Rules);
        Assert.DoesNotContain(rules.RootElement.EnumerateArray(), static r => r.GetProperty("name").GetString() == "scan-errors");
    }

    public void Dispose() => _repository.Dispose();

    /// <summary>A host's own channel (the sink interface): it keeps what it was asked to send.</summary>
    private sealed class RecordingChannel(string name) : IAlertChannel
    {
        private readonly List<AlertNotification> _sent = [];

        public string Name { get; } = name;

        public IReadOnlyList<AlertNotification> Sent
        {
            get
            {
                lock (_sent) return [.. _sent];
            }
        }

        public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
        {
            lock (_sent) _sent.Add(notification);
            return Task.CompletedTask;
        }
    }
}
