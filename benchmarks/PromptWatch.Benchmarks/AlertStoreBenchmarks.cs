using BenchmarkDotNet.Attributes;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;

namespace PromptWatch.Benchmarks;

/// <summary>
/// What one change costs the file alert store, which rewrites its snapshot (written to a temporary file, flushed to disk
/// and moved into place) on every change: one alert saved among <see cref="Alerts"/> stored ones, one history entry
/// appended, and a tick that changes <see cref="TickChanges"/> alerts, each written as it is saved or in one batch (the
/// engine's, once per tick); the in-memory store as the baseline.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class AlertStoreBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private string _folder = null!;
    private FileAlertStore _file = null!;
    private InMemoryAlertStore _memory = null!;
    private Alert _fileAlert = null!;
    private Alert _memoryAlert = null!;
    private Alert[] _tickAlerts = null!;

    /// <summary>How many alerts one tick changes.</summary>
    public const int TickChanges = 50;

    /// <summary>How many alerts the store holds.</summary>
    [Params(10, 500)]
    public int Alerts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "promptwatch-bench", Guid.NewGuid().ToString("N"));
        _file = new FileAlertStore(_folder);
        _memory = new InMemoryAlertStore();
        for (var i = 0; i < Alerts; i++)
        {
            _fileAlert = _file.TrySaveAlertAsync(Alert(i)).AsTask().GetAwaiter().GetResult()!;
            _memoryAlert = _memory.TrySaveAlertAsync(Alert(i)).AsTask().GetAwaiter().GetResult()!;
        }

        _tickAlerts = [.. _file.GetAlertsAsync().AsTask().GetAwaiter().GetResult().Where(a => a.Id != _fileAlert.Id).Take(TickChanges)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The baseline: one alert saved in memory.</summary>
    [Benchmark(Baseline = true, Description = "In memory: TrySaveAlertAsync")]
    public async Task SaveInMemory() => _memoryAlert = (await _memory.TrySaveAlertAsync(_memoryAlert with { Breaches = _memoryAlert.Breaches + 1 }))!;

    /// <summary>One alert saved: the whole snapshot written again.</summary>
    [Benchmark(Description = "File: TrySaveAlertAsync (snapshot rewritten)")]
    public async Task SaveToFile() => _fileAlert = (await _file.TrySaveAlertAsync(_fileAlert with { Breaches = _fileAlert.Breaches + 1 }))!;

    /// <summary>A tick that changes <see cref="TickChanges"/> alerts (or all when fewer), each save writing the snapshot.</summary>
    [Benchmark(Description = "File: a tick changing up to 50 alerts, a write per save")]
    public async Task TickUnbatched()
    {
        for (var i = 0; i < _tickAlerts.Length; i++) _tickAlerts[i] = (await _file.TrySaveAlertAsync(_tickAlerts[i] with { Breaches = _tickAlerts[i].Breaches + 1 }))!;
    }

    /// <summary>The same tick in one batch, as the engine runs it: the snapshot written once at its end.</summary>
    [Benchmark(Description = "File: a tick changing up to 50 alerts, in one batch")]
    public async Task TickBatched()
    {
        var batch = ((IAlertStoreBatching)_file).BeginBatch();
        await using (batch.ConfigureAwait(false))
        {
            for (var i = 0; i < _tickAlerts.Length; i++) _tickAlerts[i] = (await _file.TrySaveAlertAsync(_tickAlerts[i] with { Breaches = _tickAlerts[i].Breaches + 1 }))!;
        }
    }

    /// <summary>One history entry appended to the JSON Lines file.</summary>
    [Benchmark(Description = "File: AppendHistoryAsync (one entry)")]
    public async Task AppendToFile() => await _file.AppendHistoryAsync([new AlertHistoryEntry { At = Start, AlertId = "alert-0", Rule = "cpu", To = AlertState.Firing }]);

    private static Alert Alert(int i) => new()
    {
        Id = $"alert-{i}",
        Rule = "cpu",
        State = AlertState.Firing,
        Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = "cpu", ["host"] = $"host-{i}" },
        Summary = $"CPU 93 % > 80 % on host-{i}",
        Value = 93,
        StartsAt = Start,
        FiredAt = Start,
        LastBreachAt = Start,
        Breaches = 2,
    };
}
