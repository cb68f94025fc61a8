namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// The samples of one alert group over a rule's window: at most <see cref="Capacity"/>, at least window / capacity
/// apart (a newer sample replaces the newest until the spacing is reached), so memory stays bounded whatever the
/// window and the evaluation interval.
/// </summary>
internal sealed class SampleWindow
{
    private readonly long[] _times;
    private readonly double[] _numerators;
    private readonly double[] _denominators;
    private readonly int[][]? _buckets;
    private readonly double[] _max;
    private readonly long _spacing;
    private int _start;
    private int _count;

    public SampleWindow(TimeSpan window, int capacity, bool histogram)
    {
        Capacity = capacity;
        _times = new long[capacity];
        _numerators = new double[capacity];
        _denominators = new double[capacity];
        _max = new double[capacity];
        _buckets = histogram ? new int[capacity][] : null;
        _spacing = window.Ticks / Math.Max(1, capacity - 2);
    }

    public int Capacity { get; }

    public int Count => _count;

    /// <summary>Adds a sample; <paramref name="buckets"/> is copied.</summary>
    public void Add(long time, double numerator, double denominator, ReadOnlySpan<int> buckets, double max)
    {
        int slot;
        if (_count >= 2 && time - _times[At(_count - 2)] < _spacing)
        {
            slot = At(_count - 1);
        }
        else if (_count < Capacity)
        {
            slot = At(_count);
            _count++;
        }
        else
        {
            slot = _start;
            _start = (_start + 1) % Capacity;
        }

        _times[slot] = time;
        _numerators[slot] = numerator;
        _denominators[slot] = denominator;
        _max[slot] = max;
        if (_buckets is not null) buckets.CopyTo(_buckets[slot] ??= new int[buckets.Length]);
    }

    /// <summary>The index (0 = oldest) of the newest sample at or before <paramref name="since"/>, else the oldest.</summary>
    public int BaselineIndex(long since)
    {
        var found = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_times[At(i)] <= since) found = i;
            else break;
        }

        return found;
    }

    public long Time(int index) => _times[At(index)];

    public double Numerator(int index) => _numerators[At(index)];

    public double Denominator(int index) => _denominators[At(index)];

    public double Max(int index) => _max[At(index)];

    public ReadOnlySpan<int> Buckets(int index) => _buckets![At(index)];

    private int At(int index) => (_start + index) % Capacity;
}
