using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// <c>unevaluated_prod_change</c> on a real repository and a real result folder: a recent prod change whose commit is
/// older than the grace period and has no report alerts, and the alert resolves when the report appears.
/// </summary>
public sealed class UnevaluatedProdChangeTests : IDisposable
{
    private static readonly DateTimeOffset Start = AlertedRepository.Start;
    private readonly AlertedRepository _watched = new();

    [Fact]
    public async Task A_prod_change_without_a_report_after_the_grace_period_alerts_until_its_report_appears()
    {
        // Ten days old: outside the look-back, never checked.
        Commit("chart/values-prod.yaml", "summarize", "gpt-4", Start.AddDays(-10));
        // Two hours old, in prod (and in test, which needs no report).
        Commit("chart/values-test.yaml", "summarize", "gpt-4o", Start.AddHours(-2).AddMinutes(-1));
        var changed = Commit("chart/values-prod.yaml", "summarize", "gpt-4o", Start.AddHours(-2));
        // Half an hour old: still inside the grace period.
        var recent = Commit("chart/values-prod.yaml", "classify", "gpt-4o-mini", Start.AddMinutes(-30));
        using var host = CreateHost(out var engine, out var monitor);

        await monitor.RefreshResultsAsync();
        Assert.True((await monitor.RefreshAsync()).Ok);

        var firing = await FiringAsync(engine, 1);
        var alert = Assert.Single(firing);
        Assert.Equal("prompts", alert.Labels["repository"]);
        Assert.Equal("prod", alert.Labels["environment"]);
        Assert.Equal("summarize", alert.Labels["use_case"]);
        Assert.Equal(changed[..7], alert.Labels["commit"]);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);

        // An hour later the second change is past its grace period too: found by the next refresh, with no new commit.
        _watched.Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await monitor.RefreshAsync()).Ok);
        firing = await FiringAsync(engine, 2);
        Assert.Contains(firing, a => a.Labels["use_case"] == "classify" && a.Labels["commit"] == recent[..7]);

        // The report of the first change appears: its alert resolves on the next listing; the other stays.
        _watched.Results.WriteFile($"{changed[..7]}/summarize_results.html", "<p>evaluation</p>");
        await monitor.RefreshResultsAsync();
        firing = await FiringAsync(engine, 1);
        Assert.Equal("classify", Assert.Single(firing).Labels["use_case"]);
        var resolved = await engine.GetAlertsAsync(new AlertQuery(State: AlertState.Resolved, Rule: "unevaluated_prod_change"));
        Assert.Equal("summarize", Assert.Single(resolved).Labels["use_case"]);
        Assert.Equal(AlertResolutionReason.Cleared, resolved[0].Resolution!.Reason);

        // Polls that find nothing new publish nothing new: still one firing alert, none fired again.
        for (var i = 0; i < 3; i++) Assert.True((await monitor.RefreshAsync()).Ok);
        await monitor.RefreshResultsAsync();
        Assert.Single(await engine.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "unevaluated_prod_change")));
        Assert.Single(await engine.GetAlertsAsync(new AlertQuery(State: AlertState.Resolved, Rule: "unevaluated_prod_change")));
        await engine.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_listed_result_store_nothing_is_reported()
    {
        Commit("chart/values-prod.yaml", "summarize", "gpt-4o", Start.AddHours(-3));
        using var host = CreateHost(out var engine, out var monitor);

        // The store was never listed: results are unknown, not absent.
        Assert.True((await monitor.RefreshAsync()).Ok);
        Assert.Equal(PromptWatch.Model.EvaluationResultsState.Unknown, Assert.Single(monitor.Current.Timeline).ResultsState);
        // A canary event published after the check, matched in order: once it fired, the check's events were matched.
        var publisher = host.Services.GetRequiredService<IAlertEventPublisher>();
        publisher.Publish(new AlertEvent(AlertEventKinds.UnevaluatedProdChange, new Dictionary<string, string> { ["use_case"] = "canary" }, "canary", Start));
        var firing = await FiringAsync(engine, 1);
        Assert.Equal("canary", Assert.Single(firing).Labels["use_case"]);
        await engine.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("PromptWatch:Alerting:UnevaluatedChangeLookBack", "00:10:00", "PromptWatch:Alerting:UnevaluatedChangeLookBack must be from 1 hour to 90 days")]
    [InlineData("PromptWatch:Alerting:EvaluationGracePeriod", "8.00:00:00", "PromptWatch:Alerting:EvaluationGracePeriod must be from 0 to less than PromptWatch:Alerting:UnevaluatedChangeLookBack")]
    [InlineData("PromptWatch:Alerting:ProdEnvironments:0", " ", "PromptWatch:Alerting:ProdEnvironments:0 must name an environment")]
    public void Invalid_settings_fail_on_start_naming_the_key(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddPromptWatch().AddAlerting();
        using var host = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_environments_from_configuration_replace_the_defaults()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Alerting:ProdEnvironments:0"] = "live" });
        builder.Services.AddPromptWatch().AddAlerting();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value;
        Assert.Equal(["live"], options.ProdEnvironments);
        Assert.Equal(TimeSpan.FromDays(7), options.UnevaluatedChangeLookBack);
        Assert.Equal(TimeSpan.FromHours(1), options.EvaluationGracePeriod);
    }

    [Fact]
    public void A_snapshot_older_than_one_already_checked_is_passed_over()
    {
        var publisher = new RecordingPublisher();
        var check = new PromptWatch.Alerting.Events.UnevaluatedProdChanges(publisher, _watched.Time, new AlertingOptions());
        var commit = new PromptWatch.Model.CommitInfo(new string('a', 40), Start.AddHours(-2), "change", "Author", "author@example.com");
        var change = new PromptWatch.Model.ChangeEntry(PromptWatch.Model.ChangeKind.Changed, "Production", "summarize", null, commit, "chart/values-prod.yaml", [], null, null, null, true);
        PromptWatch.Model.TimelineEntry Entry(PromptWatch.Model.EvaluationResultsState state) => new("prompts", change, [], state);

        check.Check(1, [Entry(PromptWatch.Model.EvaluationResultsState.None)]);
        check.Check(3, [Entry(PromptWatch.Model.EvaluationResultsState.Found)]);
        // Published by a refresh that started before the listing that found the report, and finished after it.
        check.Check(2, [Entry(PromptWatch.Model.EvaluationResultsState.None)]);

        Assert.Equal([false, true], publisher.Events.Select(static e => e.Clears));
        Assert.All(publisher.Events, static e => Assert.Equal("Production", e.Labels["environment"]));
        Assert.Equal(0, check.Open);
    }

    private IHost CreateHost(out AlertEngine engine, out PromptWatchMonitor monitor) => _watched.CreateHost(out engine, out monitor);

    private static Task<IReadOnlyList<Alert>> FiringAsync(AlertEngine engine, int count) => Eventually.GetAsync(
        () => engine.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "unevaluated_prod_change")).AsTask(),
        a => a.Count == count,
        $"{count} firing unevaluated_prod_change alerts");

    private string Commit(string file, string useCase, string model, DateTimeOffset when) => _watched.Commit(file, useCase, model, when);

    /// <summary>Keeps what is published, in order.</summary>
    private sealed class RecordingPublisher : IAlertEventPublisher
    {
        public List<AlertEvent> Events { get; } = [];

        public void Publish(AlertEvent alertEvent) => Events.Add(alertEvent);
    }

    public void Dispose() => _watched.Dispose();
}
