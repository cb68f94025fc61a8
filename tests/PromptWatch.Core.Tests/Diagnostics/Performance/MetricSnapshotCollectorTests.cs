using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.Tests.Diagnostics.Performance;

/// <summary>The in-process metric snapshot: which instruments it collects and how it reads each kind.</summary>
public sealed class MetricSnapshotCollectorTests
{
    [Fact]
    public void Counters_sum_per_attribute_set_gauges_keep_the_last_value_and_histograms_their_percentiles()
    {
        using var collector = new MetricSnapshotCollector();
        using var meter = new Meter("PromptWatch.Tests." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("promptwatch.test.things");
        var gauge = meter.CreateGauge<int>("promptwatch.test.level");
        var histogram = meter.CreateHistogram<double>("promptwatch.test.duration", "s");
        counter.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(7, new KeyValuePair<string, object?>("kind", "b"));
        gauge.Record(4);
        gauge.Record(9);
        for (var i = 1; i <= 100; i++) histogram.Record(i);

        var series = collector.Collect().Where(s => s.Meter == meter.Name).ToDictionary(static s => s.Name);
        var things = series["promptwatch.test.things"].Points.ToDictionary(static p => p.Attributes.Single().Value, static p => p.Value);
        Assert.Equal(5, things["a"]);
        Assert.Equal(7, things["b"]);
        Assert.Equal(9, Assert.Single(series["promptwatch.test.level"].Points).Value);
        var duration = Assert.Single(series["promptwatch.test.duration"].Points);
        Assert.Equal(100, duration.Count);
        Assert.Equal(5050, duration.Sum);
        Assert.InRange(duration.P95!.Value, 95 / 1.05, 95 * 1.05);
        Assert.Equal("s", series["promptwatch.test.duration"].Unit);
    }

    [Fact]
    public void Gen_ai_instruments_of_any_meter_are_collected_and_other_instruments_only_known()
    {
        using var collector = new MetricSnapshotCollector();
        using var meter = new Meter("Other.Client." + Guid.NewGuid().ToString("N"));
        meter.CreateHistogram<int>("gen_ai.client.token.usage", "{token}").Record(12, new KeyValuePair<string, object?>("gen_ai.request.model", "gpt-x"));
        meter.CreateCounter<long>("other.requests").Add(1);

        Assert.Contains(collector.Collect(), s => s.Meter == meter.Name && s.Name == "gen_ai.client.token.usage" && s.Points.Single().Sum == 12);
        Assert.DoesNotContain(collector.Collect(), s => s.Meter == meter.Name && s.Name == "other.requests");
        Assert.Contains(collector.Known(), k => k.Meter == meter.Name && k.Name == "other.requests" && !k.Collected);
    }

    [Fact]
    public void Attribute_sets_per_instrument_are_capped()
    {
        using var collector = new MetricSnapshotCollector();
        using var meter = new Meter("PromptWatch.Tests." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("promptwatch.test.many");
        for (var i = 0; i < InstrumentState.MaxPoints * 3; i++) counter.Add(1, new KeyValuePair<string, object?>("id", i));

        Assert.Equal(InstrumentState.MaxPoints, collector.Collect().Single(s => s.Meter == meter.Name).Points.Count);
    }
}
