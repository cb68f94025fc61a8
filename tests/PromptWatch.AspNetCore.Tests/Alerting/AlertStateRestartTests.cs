using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using static PromptWatch.AspNetCore.Tests.Alerting.AlertApi;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// The sample with its alert state in a folder (<c>Sample:AlertsDirectory</c>, the file store): what one host did through
/// the API (a rule, an acknowledged alert, a silence, their history) is what the next host on the folder answers.
/// </summary>
public sealed class AlertStateRestartTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _state = new();

    public AlertStateRestartTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task A_new_host_on_the_folder_answers_the_rule_the_acknowledged_alert_the_silence_and_the_history()
    {
        string alertId;
        string silenceId;
        List<string> historyBefore;
        await using (var first = StateHost())
        {
            using var client = first.CreateClient();
            await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure, severity: "critical");
            alertId = (await FireAsync(first, client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString()!;

            var (acknowledged, _) = await PostAsync(client, $"api/alerts/{alertId}/acknowledge", """{"comment":"on it"}""");
            Assert.Equal(HttpStatusCode.OK, acknowledged);
            // Matches no alert of the rule, so the acknowledged alert stays acknowledged rather than suppressed.
            var (created, silence) = await PostAsync(client, "api/alerts/silences", """{"matchers":[{"name":"alertname","value":"deploy-failed"}],"duration":"2h","comment":"deploy window"}""");
            Assert.True(created == HttpStatusCode.Created, silence.RootElement.ToString());
            silenceId = silence.RootElement.GetProperty("id").GetString()!;

            historyBefore = await HistoryAsync(client, alertId);
            Assert.Contains("transition:firing", historyBefore);
            Assert.Contains("transition:acknowledged:anonymous:on it", historyBefore);
        }

        await using var second = StateHost();
        using var next = second.CreateClient();

        using (var rules = await GetAsync(next, "api/v1/notifications/rules"))
        {
            var rule = rules.RootElement.EnumerateArray().Single(static r => r.GetProperty("name").GetString() == "ci-failed");
            Assert.Equal("critical", rule.GetProperty("severity").GetString());
            Assert.Equal(AlertEventKinds.BuildFailure, rule.GetProperty("event").GetProperty("kind").GetString());
        }

        using (var alert = await GetAsync(next, "api/alerts/" + alertId))
        {
            Assert.Equal("acknowledged", alert.RootElement.GetProperty("state").GetString());
            var acknowledgement = alert.RootElement.GetProperty("acknowledgement");
            Assert.Equal("anonymous", acknowledgement.GetProperty("by").GetString());
            Assert.Equal("on it", acknowledgement.GetProperty("comment").GetString());
            Assert.Equal(JsonValueKind.String, acknowledgement.GetProperty("at").ValueKind);
        }

        using (var silences = await GetAsync(next, "api/alerts/silences"))
        {
            var silence = silences.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == silenceId);
            Assert.Equal("active", silence.GetProperty("status").GetString());
            Assert.Equal("deploy window", silence.GetProperty("comment").GetString());
            Assert.Equal("deploy-failed", silence.GetProperty("matchers")[0].GetProperty("value").GetString());
        }

        Assert.Equal(historyBefore, await HistoryAsync(next, alertId));

        // The rule still works on the new host: a new event breaches the alert it read again, rather than opening a second one.
        second.Services.GetRequiredService<IAlertEventPublisher>().Publish(new AlertEvent(
            AlertEventKinds.BuildFailure, new Dictionary<string, string> { ["repository"] = "service", ["branch"] = "main", ["workflow"] = "ci" }, "ci failed again", DateTimeOffset.UtcNow));
        await WaitForAsync(next, "api/alerts?rule=ci-failed", a => a.GetProperty("id").GetString() == alertId && a.GetProperty("breaches").GetInt32() == 2);
        using var all = await GetAsync(next, "api/alerts?rule=ci-failed");
        Assert.Equal(alertId, Assert.Single(all.RootElement.EnumerateArray(), static a => a.GetProperty("state").GetString() != "resolved").GetProperty("id").GetString());
    }

    public void Dispose()
    {
        _repository.Dispose();
        _state.Dispose();
    }

    private PromptWatchHost StateHost() => Host(_repository.Path, new() { ["Sample:AlertsDirectory"] = _state.Path });

    /// <summary>The alert's history as <c>kind:to</c> (with <c>by</c> and <c>comment</c> when given), newest first.</summary>
    private static async Task<List<string>> HistoryAsync(HttpClient client, string alertId)
    {
        using var history = await GetAsync(client, $"api/alerts/history?alert={alertId}&limit=100");
        return [.. history.RootElement.EnumerateArray().Select(static e => string.Join(':', new[] { e.GetProperty("kind").GetString(), e.GetProperty("to").GetString(), Text(e, "by"), Text(e, "comment") }.Where(static p => p is not null)))];
    }

    private static string? Text(JsonElement entry, string name) => entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
