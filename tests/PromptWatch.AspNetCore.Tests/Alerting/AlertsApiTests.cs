using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using static PromptWatch.AspNetCore.Tests.Alerting.AlertApi;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// <c>api/alerts/...</c> of the sample on the real engine: an event fires an alert, which the API lists, acknowledges and
/// resolves; silences are created, listed and expired; bad input is a problem naming the field, and nothing changes.
/// </summary>
public sealed class AlertsApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    public AlertsApiTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task A_firing_alert_is_listed_with_its_fields_and_is_acknowledged_then_resolved()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure, severity: "critical");

        var fired = await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure);

        var id = fired.GetProperty("id").GetString()!;
        Assert.Equal("ci-failed", fired.GetProperty("rule").GetString());
        Assert.Equal("critical", fired.GetProperty("severity").GetString());
        Assert.Equal("platform", fired.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("service", fired.GetProperty("labels").GetProperty("repository").GetString());
        Assert.False(string.IsNullOrEmpty(fired.GetProperty("summary").GetString()));
        Assert.True(fired.GetProperty("breaches").GetInt32() >= 1);
        foreach (var field in new[] { "value", "url", "starts_at", "fired_at", "last_breach_at", "acknowledgement", "resolution", "silenced_by" }) Assert.True(fired.TryGetProperty(field, out _), field);
        Assert.Equal(JsonValueKind.Null, fired.GetProperty("acknowledgement").ValueKind);
        Assert.Equal(JsonValueKind.String, fired.GetProperty("fired_at").ValueKind);

        using (var one = await GetAsync(client, "api/alerts/" + id)) Assert.Equal("firing", one.RootElement.GetProperty("state").GetString());
        using (var critical = await GetAsync(client, "api/alerts?severity=critical&state=firing")) Assert.Contains(critical.RootElement.EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        using (var info = await GetAsync(client, "api/alerts?severity=info")) Assert.DoesNotContain(info.RootElement.EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var (status, acknowledged) = await PostAsync(client, $"api/alerts/{id}/acknowledge", """{"comment":"looking at it"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("acknowledged", acknowledged.RootElement.GetProperty("state").GetString());
        Assert.Equal("anonymous", acknowledged.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
        Assert.Equal("looking at it", acknowledged.RootElement.GetProperty("acknowledgement").GetProperty("comment").GetString());
        using (var listed = await GetAsync(client, "api/alerts?state=acknowledged")) Assert.Contains(listed.RootElement.EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        // An empty body is a resolve without a comment.
        var (resolvedStatus, resolved) = await PostAsync(client, $"api/alerts/{id}/resolve");
        Assert.Equal(HttpStatusCode.OK, resolvedStatus);
        Assert.Equal("resolved", resolved.RootElement.GetProperty("state").GetString());
        Assert.Equal("manual", resolved.RootElement.GetProperty("resolution").GetProperty("reason").GetString());
        Assert.Equal("anonymous", resolved.RootElement.GetProperty("resolution").GetProperty("by").GetString());

        // A resolved alert cannot be acknowledged or resolved again: a conflict naming the state, and it stays resolved.
        AssertProblem(await PostAsync(client, $"api/alerts/{id}/acknowledge", "{}"), "state", HttpStatusCode.Conflict);
        using (var after = await GetAsync(client, "api/alerts/" + id)) Assert.Equal("resolved", after.RootElement.GetProperty("state").GetString());

        using var history = await GetAsync(client, $"api/alerts/history?alert={id}&limit=50");
        var transitions = history.RootElement.EnumerateArray().Where(static e => e.GetProperty("kind").GetString() == "transition").Select(static e => e.GetProperty("to").GetString()).ToList();
        Assert.Contains("firing", transitions);
        Assert.Contains("acknowledged", transitions);
        Assert.Contains("resolved", transitions);
        Assert.Contains(history.RootElement.EnumerateArray(), static e => e.GetProperty("to").GetString() == "acknowledged" && e.GetProperty("by").GetString() == "anonymous" && e.GetProperty("comment").GetString() == "looking at it");

        using var stats = await GetAsync(client, "api/alerts/stats");
        var rule = stats.RootElement.GetProperty("rules").EnumerateArray().Single(static r => r.GetProperty("rule").GetString() == "ci-failed");
        Assert.Equal(1, rule.GetProperty("fired").GetInt32());
        Assert.Equal(1, rule.GetProperty("resolved").GetInt32());
        Assert.Equal(0, rule.GetProperty("open").GetInt32());
        Assert.Equal(JsonValueKind.Number, rule.GetProperty("mean_time_to_acknowledge_seconds").ValueKind);
        Assert.Contains(stats.RootElement.GetProperty("severities").EnumerateArray(), static s => s.GetProperty("severity").GetString() == "critical" && s.GetProperty("fired").GetInt32() == 1);
    }

    [Fact]
    public async Task An_unknown_alert_or_silence_is_a_404()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, "api/alerts/no-such-alert")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "api/alerts/no-such-alert/acknowledge", "{}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "api/alerts/no-such-alert/resolve", """{"comment":"x"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Delete, "api/alerts/silences/no-such-silence")).Status);
    }

    [Theory]
    [InlineData("state=burning", "state")]
    [InlineData("severity=fatal", "severity")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task A_bad_query_value_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        var answer = await SendAsync(client, HttpMethod.Get, "api/alerts?" + query);

        AssertProblem(answer, parameter);
        Assert.Equal(parameter, answer.Body.RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_unknown_query_parameter_and_a_bad_history_limit_are_400s()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        var unknown = await SendAsync(client, HttpMethod.Get, "api/alerts?status=firing");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("status", unknown.Body.RootElement.GetProperty("parameter").GetString());
        AssertProblem(await SendAsync(client, HttpMethod.Get, "api/alerts/history?limit=-3"), "limit");
    }

    [Fact]
    public async Task A_bad_transition_body_is_a_400_and_leaves_the_alert_firing()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure);
        var id = (await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString();

        AssertProblem(await PostAsync(client, $"api/alerts/{id}/acknowledge", """{"comment":42}"""), "comment");
        AssertProblem(await PostAsync(client, $"api/alerts/{id}/acknowledge", """{"note":"x"}"""), "note");
        AssertProblem(await PostAsync(client, $"api/alerts/{id}/resolve", "{not json"), "body");
        // A form (of another site, say) is not JSON: refused before it is read.
        using (var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("comment", "x")]))
        using (var posted = await client.PostAsync(new Uri($"api/alerts/{id}/acknowledge", UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, posted.StatusCode);
        }

        using var alert = await GetAsync(client, "api/alerts/" + id);
        Assert.Equal("firing", alert.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_and_changes_nothing()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure);
        var id = (await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString();
        var comment = new string('x', 65 * 1024);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, $"api/alerts/{id}/acknowledge", $$"""{"comment":"{{comment}}"}""")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, "api/alerts/silences", $$"""{"matchers":[{"name":"alertname","value":"ci-failed"}],"duration":"1h","comment":"{{comment}}"}""")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, "api/v1/notifications/rules", $$$"""{"name":"big","description":"{{{comment}}}","event":{"kind":"build_failure"}}""")).Status);

        using var alert = await GetAsync(client, "api/alerts/" + id);
        Assert.Equal("firing", alert.RootElement.GetProperty("state").GetString());
        using var silences = await GetAsync(client, "api/alerts/silences");
        Assert.Empty(silences.RootElement.EnumerateArray());
        using var rules = await GetAsync(client, "api/v1/notifications/rules");
        Assert.DoesNotContain(rules.RootElement.EnumerateArray(), static r => r.GetProperty("name").GetString() == "big");
    }

    [Fact]
    public async Task A_silence_is_created_listed_suppresses_the_alert_and_is_expired()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure);

        var (status, created) = await PostAsync(client, "api/alerts/silences", """{"matchers":[{"name":"alertname","value":"ci-failed"},{"name":"branch","value":"ma.*","is_regex":true,"is_equal":true}],"duration":"2h","comment":"deploy window"}""");
        Assert.True(status == HttpStatusCode.Created, created.RootElement.ToString());
        var silence = created.RootElement;
        var id = silence.GetProperty("id").GetString()!;
        Assert.Equal("active", silence.GetProperty("status").GetString());
        Assert.Equal("anonymous", silence.GetProperty("created_by").GetString());
        Assert.Equal("deploy window", silence.GetProperty("comment").GetString());
        Assert.Equal(2, silence.GetProperty("matchers").GetArrayLength());
        Assert.True(silence.GetProperty("matchers")[1].GetProperty("is_regex").GetBoolean());
        Assert.Equal(TimeSpan.FromHours(2), silence.GetProperty("ends_at").GetDateTimeOffset() - silence.GetProperty("starts_at").GetDateTimeOffset());

        using (var listed = await GetAsync(client, "api/alerts/silences")) Assert.Contains(listed.RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        host.Services.GetRequiredService<IAlertEventPublisher>().Publish(new AlertEvent(AlertEventKinds.BuildFailure, new Dictionary<string, string> { ["repository"] = "service", ["branch"] = "main" }, "ci failed", DateTimeOffset.UtcNow));
        var suppressed = await WaitForAsync(client, "api/alerts?rule=ci-failed", static a => a.GetProperty("state").GetString() == "suppressed");
        Assert.Equal(id, suppressed.GetProperty("silenced_by").GetString());

        var (expiredStatus, expired) = await SendAsync(client, HttpMethod.Delete, "api/alerts/silences/" + id);
        Assert.Equal(HttpStatusCode.OK, expiredStatus);
        Assert.Equal("expired", expired.RootElement.GetProperty("status").GetString());
        using var after = await GetAsync(client, "api/alerts/silences");
        Assert.Equal("expired", after.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"duration":"1h"}""", "matchers")]
    [InlineData("""{"matchers":[{"value":"x"}],"duration":"1h"}""", "matchers[0].name")]
    [InlineData("""{"matchers":[{"name":"alertname","value":"x","is_regex":"yes"}],"duration":"1h"}""", "matchers[0].is_regex")]
    [InlineData("""{"matchers":[{"name":"alertname","value":"x"}]}""", "ends_at")]
    [InlineData("""{"matchers":[{"name":"alertname","value":"x"}],"duration":"1h","ends_at":"2030-01-01T00:00:00Z"}""", "duration")]
    [InlineData("""{"matchers":[{"name":"alertname","value":"x"}],"duration":"soon"}""", "duration")]
    [InlineData("""{"matchers":[{"name":"alertname","value":"x"}],"ends_at":"tomorrow"}""", "ends_at")]
    public async Task A_bad_silence_is_a_400_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        AssertProblem(await PostAsync(client, "api/alerts/silences", json), field);

        using var silences = await GetAsync(client, "api/alerts/silences");
        Assert.Empty(silences.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_silence_with_a_backtracking_pattern_is_refused_by_the_engine_and_nothing_is_stored()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();

        var answer = await PostAsync(client, "api/alerts/silences", """{"matchers":[{"name":"alertname","value":"(a+)+\\1","is_regex":true}],"duration":"1h"}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("matchers", answer.Body.RootElement.GetProperty("field").GetString(), StringComparison.Ordinal);
        using var silences = await GetAsync(client, "api/alerts/silences");
        Assert.Empty(silences.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Evaluate_runs_the_metric_rules_now_and_answers_what_changed()
    {
        using var host = Host(_repository.Path);
        using var client = host.CreateClient();
        var (created, body) = await PostAsync(client, "api/v1/notifications/rules", """{"name":"scans-seen","severity":"info","metric":{"instrument":"promptwatch.scans","aggregation":"last_value","comparison":"ge","threshold":0}}""");
        Assert.True(created == HttpStatusCode.Created, body.RootElement.ToString());

        var (status, evaluation) = await PostAsync(client, "api/alerts/evaluate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(evaluation.RootElement.GetProperty("rules_evaluated").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.String, evaluation.RootElement.GetProperty("at").ValueKind);
        Assert.Equal(JsonValueKind.Array, evaluation.RootElement.GetProperty("changed").ValueKind);
    }

    public void Dispose() => _repository.Dispose();
}
