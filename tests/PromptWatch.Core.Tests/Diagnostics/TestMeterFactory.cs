using System.Diagnostics.Metrics;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>A meter factory that keeps the meters it creates, so a test listens to its own meter only.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <summary>The meters created, oldest first.</summary>
    public IReadOnlyList<Meter> Meters => _meters;

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Scope = this;
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var meter in _meters) meter.Dispose();
    }
}
