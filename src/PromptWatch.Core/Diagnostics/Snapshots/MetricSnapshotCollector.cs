using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PromptWatch.Diagnostics.Snapshots;

/// <summary>
/// Keeps the current values of the PromptWatch meters (every meter whose name starts with <c>PromptWatch</c>) and of
/// the GenAI instruments of any meter (names starting with <c>gen_ai.</c>), for the JSON view of the metrics. Memory is
/// bounded: at most <see cref="MaxInstruments"/> instruments known, <see cref="InstrumentState.MaxPoints"/> attribute sets each.
/// </summary>
internal sealed class MetricSnapshotCollector : IDisposable
{
    public const int MaxInstruments = 500;

    /// <summary>The attribute that groups GenAI measurements per model.</summary>
    public const string ModelAttribute = "gen_ai.request.model";

    private readonly ConcurrentDictionary<Instrument, InstrumentState> _collected = new();
    private readonly ConcurrentDictionary<Instrument, KnownInstrument> _known = new();
    private readonly MeterListener _listener = new();

    public MetricSnapshotCollector()
    {
        _listener.InstrumentPublished = Published;
        _listener.MeasurementsCompleted = (instrument, state) =>
        {
            _collected.TryRemove(instrument, out _);
            _known.TryRemove(instrument, out _);
        };
        _listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (instrument, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Whether an instrument is collected: those of PromptWatch meters and the GenAI ones.</summary>
    public static bool Collects(Instrument instrument) =>
        instrument.Meter.Name.StartsWith(PromptWatchTelemetry.MeterName, StringComparison.Ordinal)
        || instrument.Name.StartsWith("gen_ai.", StringComparison.Ordinal);

    /// <summary>The collected instruments with their points, observable ones read now; sorted by meter and name.</summary>
    public IReadOnlyList<MetricSeries> Collect()
    {
        _listener.RecordObservableInstruments();
        return _collected.Values.Select(static s => s.Snapshot())
            .OrderBy(static s => s.Meter, StringComparer.Ordinal).ThenBy(static s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The instruments published while the collector listened (up to the cap), collected or not.</summary>
    public IReadOnlyList<KnownInstrument> Known() =>
        _known.Values.OrderBy(static k => k.Meter, StringComparer.Ordinal).ThenBy(static k => k.Name, StringComparer.Ordinal).ToList();

    /// <summary>Forgets every collected value (instruments stay known).</summary>
    public void Reset()
    {
        foreach (var state in _collected.Values) state.Clear();
    }

    public void Dispose() => _listener.Dispose();

    private void Published(Instrument instrument, MeterListener listener)
    {
        if (_known.Count >= MaxInstruments) return;
        var collected = Collects(instrument);
        var kind = MetricKinds.Of(instrument);
        _known[instrument] = new KnownInstrument(instrument.Meter.Name, instrument.Meter.Version, instrument.Name, kind, instrument.Unit, instrument.Description, collected);
        if (!collected) return;
        var state = new InstrumentState(instrument, kind);
        _collected[instrument] = state;
        listener.EnableMeasurementEvents(instrument, state);
    }
}
