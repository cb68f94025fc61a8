using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// What only the file store does (the shared behaviour is the contract in the Redis tests): it survives a restart, skips
/// a torn history line, keeps a corrupt snapshot aside, writes atomically, compacts its history and locks its folder.
/// </summary>
public sealed class FileAlertStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(AlertSamples.At);
    private readonly FakeLogCollector _logs = new();

    private string SnapshotPath => Path.Combine(_folder.Path, FileAlertStore.SnapshotFileName);

    private string HistoryPath => Path.Combine(_folder.Path, FileAlertStore.HistoryFileName);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_new_store_on_the_same_folder_sees_rules_alerts_acknowledgements_silences_and_history()
    {
        Alert acknowledged;
        await using (var store = Store())
        {
            await store.SaveRuleAsync(AlertSamples.FullRule());
            await store.SaveRuleAsync(AlertSamples.BareRule());
            await store.DeleteRuleAsync(AlertSamples.BareRule().Name);
            var saved = (await store.TrySaveAlertAsync(AlertSamples.FullAlert() with { State = AlertState.Firing, Resolution = null }))!;
            acknowledged = (await store.TrySaveAlertAsync(saved with { State = AlertState.Acknowledged }))!;
            await store.SaveSilenceAsync(AlertSamples.FullSilence());
            await store.AppendHistoryAsync([AlertSamples.FullEntry(), AlertSamples.Entry("r", "a", AlertSamples.At, "last")]);
            // Nested records whose optional parts are null (left out of the JSON).
            await store.TrySaveAlertAsync(AlertSamples.BareAlert() with
            {
                Acknowledgement = new AlertAcknowledgement("ada", AlertSamples.At, null),
                Resolution = new AlertResolution(AlertResolutionReason.Cleared, AlertSamples.At, null, null),
            });
        }

        await using var restarted = Store();

        Structural.Equal(new[] { AlertSamples.FullRule() }, await restarted.GetRulesAsync(), "rules");
        var bare = AlertSamples.BareAlert() with
        {
            Acknowledgement = new AlertAcknowledgement("ada", AlertSamples.At, null),
            Resolution = new AlertResolution(AlertResolutionReason.Cleared, AlertSamples.At, null, null),
            Version = 1,
        };
        Structural.Equal(new[] { acknowledged, bare }, await restarted.GetAlertsAsync(), "alerts");
        Assert.Equal(2, acknowledged.Version);
        Structural.Equal(new[] { AlertSamples.FullSilence() }, await restarted.GetSilencesAsync(), "silences");
        Structural.Equal(new[] { AlertSamples.Entry("r", "a", AlertSamples.At, "last"), AlertSamples.FullEntry() }, await restarted.GetHistoryAsync(new AlertHistoryQuery()), "history");
        // Versions go on from where they were.
        Assert.Null(await restarted.TrySaveAlertAsync(acknowledged with { Version = 1 }));
        Assert.Equal(3, (await restarted.TrySaveAlertAsync(acknowledged))!.Version);
        Assert.Contains(_logs.GetSnapshot(), static r => r.Id.Id == 900 && r.Message.Contains("1 rules, 2 alerts, 1 silences, 2 history entries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_snapshot_is_snake_case_json_with_enum_names_iso_times_and_durations_in_seconds()
    {
        await using (var store = Store())
        {
            await store.SaveRuleAsync(AlertSamples.FullRule());
            await store.TrySaveAlertAsync(AlertSamples.FullAlert());
        }

        using var document = JsonDocument.Parse(File.ReadAllText(SnapshotPath));
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("format").GetInt32());
        var rule = root.GetProperty("rules")[0];
        Assert.Equal("critical", rule.GetProperty("severity").GetString());
        Assert.Equal(600, rule.GetProperty("auto_resolve_after").GetDouble());
        Assert.Equal(90.5, rule.GetProperty("cooldown").GetDouble());
        Assert.Equal(7, rule.GetProperty("max_notifications_per_hour").GetInt32());
        Assert.Equal("ratio", rule.GetProperty("metric").GetProperty("aggregation").GetString());
        Assert.Equal("ge", rule.GetProperty("metric").GetProperty("comparison").GetString());
        var alert = root.GetProperty("alerts")[0];
        Assert.Equal("resolved", alert.GetProperty("state").GetString());
        Assert.Equal("auto_resolved", alert.GetProperty("resolution").GetProperty("reason").GetString());
        Assert.Equal("2026-11-30T14:15:16.789+02:00", alert.GetProperty("starts_at").GetString());
        Assert.Equal("https://ci.example.com/runs/42?tab=logs&x=%20y", alert.GetProperty("url").GetString());
        Assert.Equal(1, alert.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_torn_last_history_line_is_skipped_and_the_next_append_starts_on_a_line_of_its_own()
    {
        await using (var store = Store())
        {
            await store.AppendHistoryAsync([AlertSamples.Entry("r", "a", AlertSamples.At, "1"), AlertSamples.Entry("r", "a", AlertSamples.At, "2")]);
        }

        // A crash in the middle of an append.
        await File.AppendAllTextAsync(HistoryPath, "{\"at\":\"2026-11-30T14:1");

        await using (var store = Store())
        {
            Assert.Equal(["2", "1"], (await store.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
            await store.AppendHistoryAsync([AlertSamples.Entry("r", "a", AlertSamples.At, "3")]);
        }

        Assert.Contains(_logs.GetSnapshot(), static r => r.Id.Id == 902 && r.Level == LogLevel.Warning);
        var lines = File.ReadAllLines(HistoryPath);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines) JsonDocument.Parse(line).Dispose();
        await using var reopened = Store();
        Assert.Equal(["3", "2", "1"], (await reopened.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
    }

    [Fact]
    public async Task A_corrupt_snapshot_is_kept_aside_logged_with_its_name_and_the_store_starts_empty()
    {
        const string Corrupt = "{\"format\": 1, \"rules\": [ {\"name\": \"cut-off";
        File.WriteAllText(SnapshotPath, Corrupt);

        await using (var store = Store())
        {
            Assert.Empty(await store.GetRulesAsync());
            await store.SaveRuleAsync(AlertSamples.BareRule());
        }

        var keptAside = Assert.Single(Directory.GetFiles(_folder.Path, FileAlertStore.SnapshotFileName + ".corrupt-*"));
        Assert.Equal(SnapshotPath + ".corrupt-20261130T121516789Z", keptAside);
        Assert.Equal(Corrupt, File.ReadAllText(keptAside));
        var error = Assert.Single(_logs.GetSnapshot(), static r => r.Level == LogLevel.Error);
        Assert.Equal(901, error.Id.Id);
        Assert.Contains(SnapshotPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(keptAside, error.Message, StringComparison.Ordinal);
        await using var reopened = Store();
        Assert.Equal(["bare"], (await reopened.GetRulesAsync()).Select(static r => r.Name));
    }

    [Fact]
    public async Task A_snapshot_that_is_json_but_not_alert_state_is_kept_aside_too()
    {
        File.WriteAllText(SnapshotPath, "{\"format\": 1, \"rules\": null, \"alerts\": [], \"silences\": []}");

        await using var store = Store();

        Assert.Empty(await store.GetRulesAsync());
        Assert.Single(Directory.GetFiles(_folder.Path, FileAlertStore.SnapshotFileName + ".corrupt-*"));
    }

    [Fact]
    public async Task A_snapshot_of_a_newer_format_stops_the_store_and_is_left_untouched()
    {
        const string Newer = "{\"format\": 2, \"rules\": [], \"alerts\": [], \"silences\": [], \"escalations\": []}";
        File.WriteAllText(SnapshotPath, Newer);
        await using var store = Store();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetRulesAsync());
        await Assert.ThrowsAsync<PromptWatchException>(async () => await store.SaveRuleAsync(AlertSamples.BareRule()));

        Assert.Contains(SnapshotPath, failure.Message, StringComparison.Ordinal);
        Assert.Contains("format 2", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Newer, File.ReadAllText(SnapshotPath));
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files_and_a_crash_left_one_is_removed_on_start()
    {
        var leftOver = _folder.WriteFile(FileAlertStore.SnapshotFileName + ".0123456789abcdef.tmp", "{\"half\": ");
        var notOurs = _folder.WriteFile("notes.tmp", "kept");
        await using (var store = Store(maxHistory: 5))
        {
            for (var i = 0; i < 20; i++)
            {
                await store.SaveRuleAsync(AlertSamples.BareRule($"rule-{i}"));
                await store.AppendHistoryAsync([AlertSamples.Entry("r", "a", AlertSamples.At, $"{i}")]);
            }
        }

        Assert.False(File.Exists(leftOver));
        Assert.True(File.Exists(notOurs));
        Assert.Equal(
            [FileAlertStore.HistoryFileName, FileAlertStore.SnapshotFileName, FileAlertStore.LockFileName, "notes.tmp"],
            Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var snapshot = JsonDocument.Parse(File.ReadAllText(SnapshotPath));
        Assert.Equal(20, snapshot.RootElement.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task A_write_that_fails_reports_the_file_and_changes_nothing()
    {
        // A folder where the snapshot belongs: the temporary file is written, moving it into place fails.
        Directory.CreateDirectory(SnapshotPath);
        await using var store = Store();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.SaveRuleAsync(AlertSamples.BareRule()));
        await Assert.ThrowsAsync<PromptWatchException>(async () => await store.TrySaveAlertAsync(AlertSamples.BareAlert()));

        Assert.Contains(SnapshotPath, failure.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetRulesAsync());
        Assert.Empty(await store.GetAlertsAsync());
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task History_is_compacted_to_its_newest_entries_once_it_outgrows_its_cap()
    {
        await using (var store = Store(maxHistory: 10))
        {
            for (var i = 0; i < 25; i++) await store.AppendHistoryAsync([AlertSamples.Entry("r", "a", AlertSamples.At, $"{i}")]);
            Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(static i => $"{i}"), (await store.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
        }

        // At most the cap and a tenth of it (one line here) are on disk.
        Assert.InRange(File.ReadAllLines(HistoryPath).Length, 10, 11);
        await using (var store = Store(maxHistory: 10))
        {
            Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(static i => $"{i}"), (await store.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
        }

        // A smaller cap on a later start keeps the newest.
        await using var smaller = Store(maxHistory: 3);
        Assert.Equal(["24", "23", "22"], (await smaller.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
    }

    [Fact]
    public async Task A_second_store_on_a_folder_in_use_fails_with_a_message_saying_so_until_the_first_is_disposed()
    {
        var first = Store();
        await first.SaveRuleAsync(AlertSamples.BareRule());
        await using var second = Store();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await second.GetRulesAsync());

        Assert.Contains(_folder.Path, failure.Message, StringComparison.Ordinal);
        Assert.Contains("in use", failure.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await first.GetRulesAsync());
        Assert.Equal(["bare"], (await second.GetRulesAsync()).Select(static r => r.Name));
    }

    [Fact]
    public async Task Concurrent_writers_all_land_on_disk()
    {
        await using (var store = Store())
        {
            await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            {
                await store.SaveRuleAsync(AlertSamples.BareRule($"rule-{i}"));
                await store.TrySaveAlertAsync(AlertSamples.BareAlert($"alert-{i}"));
                await store.AppendHistoryAsync([AlertSamples.Entry("r", $"alert-{i}", AlertSamples.At)]);
            })));
        }

        await using var reopened = Store();
        Assert.Equal(24, (await reopened.GetRulesAsync()).Count);
        Assert.Equal(24, (await reopened.GetAlertsAsync()).Count);
        Assert.Equal(24, (await reopened.GetHistoryAsync(new AlertHistoryQuery())).Count);
    }

    [Fact]
    public async Task AddFileAlertStore_replaces_the_default_store_and_a_later_default_does_not_replace_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAlertStore>(new InMemoryAlertStore());
        var builder = new PromptWatchBuilder(services).AddFileAlertStore(_folder.Path);
        // What the engine's registration does after it.
        builder.Services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<FileAlertStore>(Assert.Single(provider.GetServices<IAlertStore>()));
        Assert.Same(store, provider.GetRequiredService<FileAlertStore>());
        Assert.Equal(Path.GetFullPath(_folder.Path), store.Folder);
        Assert.Throws<ArgumentException>(() => new PromptWatchBuilder(new ServiceCollection()).AddFileAlertStore(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromptWatchBuilder(new ServiceCollection()).AddFileAlertStore(_folder.Path, maxHistory: 0));
    }

    [Fact]
    public async Task A_batch_writes_the_snapshot_once_at_its_end_and_a_change_outside_its_flow_writes_through()
    {
        await using var store = Store();
        await store.SaveRuleAsync(AlertSamples.BareRule());
        var batching = (IAlertStoreBatching)store;

        var batch = batching.BeginBatch();
        for (var i = 0; i < 50; i++) Assert.NotNull(await store.TrySaveAlertAsync(AlertSamples.BareAlert($"alert-{i}")));
        Assert.Equal(50, (await store.GetAlertsAsync()).Count);
        Assert.Equal(0, AlertsOnDisk());
        await batch.DisposeAsync();
        Assert.Equal(50, AlertsOnDisk());

        // Another flow (an API call) writes through while a batch is open, with what the batch changed so far.
        batch = batching.BeginBatch();
        await store.TrySaveAlertAsync(AlertSamples.BareAlert("in-batch"));
        Task outside;
        using (ExecutionContext.SuppressFlow()) outside = Task.Run(async () => await store.SaveSilenceAsync(AlertSamples.FullSilence()));
        await outside;
        Assert.Equal(51, AlertsOnDisk());
        await batch.DisposeAsync();

        // A batch's change not yet written when the store is disposed is written then.
        batch = batching.BeginBatch();
        await store.TrySaveAlertAsync(AlertSamples.BareAlert("last"));
        await store.DisposeAsync();
        Assert.Equal(52, AlertsOnDisk());
        await batch.DisposeAsync();
    }

    private int AlertsOnDisk()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SnapshotPath));
        return document.RootElement.GetProperty("alerts").GetArrayLength();
    }

    private FileAlertStore Store(int maxHistory = FileAlertStore.DefaultMaxHistory) =>
        new(_folder.Path, maxHistory, _clock, new FakeLogger<FileAlertStore>(_logs));
}
