using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PromptWatch.Alerting.Rules;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// Listens in-process to the instruments metric rules may name (<see cref="KnownInstruments"/>), keeping a running
/// value per attribute set; <see cref="Sample"/> reads observable instruments and fixes every series' value for one
/// evaluation. With the host's <see cref="IMeterFactory"/> it listens to that host's meters and to meters no factory
/// made (a library's own <c>new Meter(...)</c>), never to another host's: several hosts in one process (tests, a
/// process serving several sites) each alert on their own requests and refreshes. Instruments of the same name on
/// several of the meters it listens to share their series.
/// </summary>
internal sealed class AlertMetricSource : IDisposable
{
    private readonly ConcurrentDictionary<string, MetricInstrument> _instruments = new(StringComparer.Ordinal);
    private readonly MeterListener? _listener;
    private readonly IMeterFactory? _host;

    /// <summary>Creates a source that listens to the meters of <paramref name="host"/> and to those no factory made.</summary>
    /// <param name="host">The host's meter factory; <see langword="null"/>: every meter.</param>
    public AlertMetricSource(IMeterFactory? host = null)
        : this(listen: true, host)
    {
    }

    /// <summary>Creates a source; without <paramref name="listen"/> only <see cref="GetOrAdd"/> feeds it (benchmarks).</summary>
    public AlertMetricSource(bool listen)
        : this(listen, host: null)
    {
    }

    private AlertMetricSource(bool listen, IMeterFactory? host)
    {
        // Set before the listener starts: starting it publishes the instruments that exist already.
        _host = host;
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
        if (_host is not null && instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, _host)) return;
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
