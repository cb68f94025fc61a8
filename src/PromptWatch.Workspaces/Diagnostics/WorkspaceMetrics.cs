using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Workspaces;

/// <summary>
/// The workspace instruments of the <c>PromptWatch</c> meter (<see cref="PromptWatchTelemetry.MeterName"/>):
/// <c>promptwatch.workspaces.alive</c>, <c>promptwatch.workspaces.created</c> and <c>promptwatch.workspaces.evicted</c>
/// (by <c>promptwatch.reason</c>) and <c>promptwatch.workspaces.refused</c> (requests refused by a limit, by <c>promptwatch.limit</c>). Register it as a singleton (<c>AddWorkspaces()</c> does); with an
/// <see cref="IMeterFactory"/> the meter's lifetime belongs to the host.
/// </summary>
public sealed class WorkspaceMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own.</summary>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    public WorkspaceMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        Alive = _meter.CreateUpDownCounter<long>("promptwatch.workspaces.alive", "{workspace}", "Workspaces alive (each with its own monitor loop).");
        Created = _meter.CreateCounter<long>("promptwatch.workspaces.created", "{workspace}", "Workspaces created on a first request.");
        Evicted = _meter.CreateCounter<long>("promptwatch.workspaces.evicted", "{workspace}", "Workspaces evicted, by reason (capacity, idle, shutdown).");
        Refused = _meter.CreateCounter<long>("promptwatch.workspaces.refused", "{request}", "Requests refused by a workspace limit (429 or 503), by the setting reached.");
    }

    internal UpDownCounter<long> Alive { get; }

    internal Counter<long> Created { get; }

    internal Counter<long> Evicted { get; }

    internal Counter<long> Refused { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
