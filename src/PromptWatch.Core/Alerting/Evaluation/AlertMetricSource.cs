using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PromptWatch.Alerting.Rules;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// Listens in-process to the instruments metric rules may name (<see cref="KnownInstruments"/>), keeping a running
/// value per attribute set; <see cref="Sample"/> reads observable instruments and fixes every series' value for one
/// evaluation. Instruments of the same name on several meters (several hosts in one process) share their series.
/// </summary>
internal sealed class AlertMetricSource : IDisposable
{
    private readonly ConcurrentDictionary<string, MetricInstrument> _instruments = new(StringComparer.Ordinal);
    private readonly MeterListener? _listener;

    public AlertMetricSource()
        : this(listen: true)
    {
    }

    /// <summary>Creates a source; without <paramref name="listen"/> only <see cref="GetOrAdd"/> feeds it (benchmarks).</summary>
    public AlertMetricSource(bool listen)
    {
        if (!listen) return;
        _listener = new MeterListener { InstrumentPublished = Published };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricInstrument)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>The instrument's series, or <see langword="null"/> when nothing of that name was published.</summary>
    public MetricInstrument? Find(string name) => _instruments.GetValueOrDefault(name);

    /// <summary>The instrument of that name, created when missing.</summary>
    public MetricInstrument GetOrAdd(string name, InstrumentKind kind, bool observable = false) =>
        _instruments.GetOrAdd(name, static (n, k) => new MetricInstrument(n, k.kind, k.observable), (kind, observable));

    /// <summary>Reads the observable instruments and fixes every series' value for one evaluation.</summary>
    public void Sample()
    {
        _listener?.RecordObservableInstruments();
        foreach (var instrument in _instruments.Values) instrument.Sample();
    }

    public void Dispose() => _listener?.Dispose();

    private void Published(Instrument instrument, MeterListener listener)
    {
        if (!KnownInstruments.Listens(instrument.Meter.Name, instrument.Name) || KnownInstruments.KindOf(instrument.Name) is not { } kind) return;
        var actual = MetricKinds.Of(instrument) switch
        {
            MetricKinds.Counter => InstrumentKind.Counter,
            MetricKinds.Histogram => InstrumentKind.Histogram,
            _ => InstrumentKind.Gauge,
        };
        if (actual != kind) return;
        listener.EnableMeasurementEvents(instrument, GetOrAdd(instrument.Name, kind, instrument.IsObservable));
    }
}
