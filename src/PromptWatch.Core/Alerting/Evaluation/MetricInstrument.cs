using System.Globalization;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// The series of one instrument, at most <see cref="MaxSeries"/> of them (measurements of further attribute sets are
/// dropped). The list only grows, so rules remember how far they have looked.
/// </summary>
internal sealed class MetricInstrument(string name, InstrumentKind kind, bool observable)
{
    public const int MaxSeries = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, MetricSeries> _byKey = new(StringComparer.Ordinal);
    private MetricSeries[] _series = [];

    public string Name { get; } = name;

    public InstrumentKind Kind { get; } = kind;

    /// <summary>The series in the order they appeared; a stable snapshot (a new array when one is added).</summary>
    public IReadOnlyList<MetricSeries> Series => Volatile.Read(ref _series);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Find(tags) is not { } series) return;
        if (Kind == InstrumentKind.Histogram) series.Record(value);
        else if (Kind == InstrumentKind.Counter && !observable) series.Add(value);
        else if (Kind == InstrumentKind.Gauge && !observable) series.Add(value);
        else series.Set(value);
    }

    /// <summary>The series of one attribute set, created on first use (for tests and benchmarks).</summary>
    public MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(tags);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var series)) return series;
            if (_byKey.Count >= MaxSeries) return null;
            var attributes = new Dictionary<string, string>(tags.Length, StringComparer.Ordinal);
            foreach (var tag in tags) attributes[tag.Key] = Text(tag.Value);
            series = new MetricSeries(attributes, Kind == InstrumentKind.Histogram);
            _byKey.Add(key, series);
            _series = [.. _series, series];
            return series;
        }
    }

    public void Sample()
    {
        foreach (var series in Series) series.Sample();
    }

    private static string Key(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return string.Empty;
        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++) parts[i] = tags[i].Key + "\u001e" + Text(tags[i].Value);
        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join('\u001f', parts);
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
