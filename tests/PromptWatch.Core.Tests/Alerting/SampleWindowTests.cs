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

    [Fact]
    public void Histogram_windows_with_idle_samples_sum_what_a_plain_list_of_the_samples_sums()
    {
        // Idle samples (no growth) are kept as times only; merges, wrapping and pruning must still give the list's sums.
        const long Window = 100;
        var window = new SampleWindow(TimeSpan.FromTicks(Window), capacity: 6, histogram: true);
        var spacing = Window / 4;
        var model = new List<(long Time, Dictionary<int, int> Buckets)>();
        var random = new Random(7);
        var delta = new BucketDelta();
        long time = 0;
        for (var step = 0; step < 2_000; step++)
        {
            time += random.Next(1, 40);
            var since = time - Window;
            window.Prune(since);
            while (model.Count >= 2 && model[1].Time <= since) model.RemoveAt(0);

            delta.Clear();
            var growth = new Dictionary<int, int>();
            if (random.Next(3) == 0)
            {
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    var bucket = random.Next(0, 20);
                    delta.Add(bucket, 1);
                    growth[bucket] = growth.GetValueOrDefault(bucket) + 1;
                }
            }

            window.Add(time, 0, 0, delta);
            if (model.Count >= 2 && time - model[^2].Time < spacing)
            {
                foreach (var (bucket, count) in growth) model[^1].Buckets[bucket] = model[^1].Buckets.GetValueOrDefault(bucket) + count;
                model[^1] = (time, model[^1].Buckets);
            }
            else
            {
                if (model.Count == 6) model.RemoveAt(0);
                model.Add((time, growth));
            }

            var sum = new BucketDelta();
            var after = time - random.Next(0, (int)Window);
            window.AccumulateAfter(after, sum);
            var baseline = model.Count > 0 && model[0].Time <= after ? 0 : -1;
            for (var bucket = 0; bucket < 20; bucket++)
            {
                var expected = model.Skip(baseline + 1).Sum(m => m.Buckets.GetValueOrDefault(bucket));
                Assert.Equal(expected, sum.Count(bucket));
            }
        }
    }
}
