using PromptWatch.Alerting.Evaluation;

namespace PromptWatch.Tests.Alerting;

public sealed class SampleWindowTests
{
    private static readonly BucketDelta Empty = new();

    [Fact]
    public void Keeps_the_samples_in_order_while_growing_and_wrapping_and_prunes_to_the_baseline()
    {
        var window = new SampleWindow(TimeSpan.FromSeconds(100), capacity: 12, histogram: false);
        for (var t = 1; t <= 50; t++)
        {
            window.Prune(t - 100);
            window.Add(t * 10, t, 2 * t, Empty);
        }

        Assert.InRange(window.Count, 2, 12);
        for (var i = 1; i < window.Count; i++) Assert.True(window.Time(i) > window.Time(i - 1));
        Assert.Equal(500, window.Time(window.Count - 1));
        Assert.Equal(50, window.Numerator(window.Count - 1));

        window.Prune(400);
        Assert.Equal(0, window.NewestAtOrBefore(400));
        Assert.True(window.Time(0) <= 400 && window.Time(1) > 400);
        Assert.Equal(window.Time(0) / 10.0, window.Numerator(0));
        Assert.Equal(window.Time(0) / 5.0, window.Denominator(0));
    }

    [Fact]
    public void Histogram_samples_sum_the_growth_after_the_baseline_merged_into_the_newest()
    {
        var window = new SampleWindow(TimeSpan.FromSeconds(100), capacity: 4, histogram: true);
        var delta = new BucketDelta();
        for (var t = 1; t <= 10; t++)
        {
            delta.Clear();
            delta.Add(t, 1);
            window.Prune(t * 10 - 100);
            window.Add(t * 10, 0, 0, delta);
        }

        var sum = new BucketDelta();
        window.AccumulateAfter(0, sum);
        Assert.Equal(10, sum.TouchedCount);
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(1, sum.Count(i)));

        sum.Clear();
        window.AccumulateAfter(50, sum);
        Assert.Equal(0, sum.Count(1));
        Assert.Equal(1, sum.Count(10));
    }
}
