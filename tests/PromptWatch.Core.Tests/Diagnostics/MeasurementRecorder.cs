using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>Records every measurement of the instruments of one meter instance.</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    /// <summary>Starts listening to <paramref name="meter"/>, and to no other meter of the same name.</summary>
    public MeasurementRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of one instrument, in the order they were made.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrumentName) =>
        [.. _measurements.Where(m => m.Instrument == instrumentName)];

    /// <summary>The sum of the measurements of one instrument.</summary>
    public double Sum(string instrumentName) => Of(instrumentName).Sum(static m => m.Value);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(static t => t.Key, static t => t.Value)));
}

/// <summary>One measurement: the instrument's name, the value and the tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
