using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PromptWatch.Diagnostics;

/// <summary>
/// The instruments of the <c>PromptWatch</c> meter: scans, scan duration, commits walked, blobs parsed,
/// changes found, scan errors, refreshes, and the duration and refused credentials of dependency calls. Register it as a singleton; with an <see cref="IMeterFactory"/> the
/// meter's lifetime belongs to the host.
/// </summary>
public sealed class PromptWatchMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own.</summary>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    public PromptWatchMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        Scans = _meter.CreateCounter<long>("promptwatch.scans", "{scan}", "History scans completed.");
        ScanDuration = _meter.CreateHistogram<double>("promptwatch.scan.duration", "s", "Duration of history scans.");
        CommitsWalked = _meter.CreateCounter<long>("promptwatch.scan.commits_walked", "{commit}", "Commits visited by history scans.");
        BlobsParsed = _meter.CreateCounter<long>("promptwatch.scan.blobs_parsed", "{blob}", "File versions parsed by history scans.");
        ChangesFound = _meter.CreateCounter<long>("promptwatch.scan.changes", "{change}", "Change entries found by history scans.");
        ScanErrors = _meter.CreateCounter<long>("promptwatch.scan.errors", "{error}", "History scans that failed, and file versions that could not be read.");
        Refreshes = _meter.CreateCounter<long>("promptwatch.refreshes", "{refresh}", "Repository refreshes (fetch and scan), by repository and outcome.");
        RefreshDuration = _meter.CreateHistogram<double>("promptwatch.refresh.duration", "s", "Duration of repository refreshes (fetch and scan).");
        Dependencies = new DependencyMetrics(_meter);
    }

    internal Counter<long> Scans { get; }

    internal Histogram<double> ScanDuration { get; }

    internal Counter<long> CommitsWalked { get; }

    internal Counter<long> BlobsParsed { get; }

    internal Counter<long> ChangesFound { get; }

    internal Counter<long> ScanErrors { get; }

    internal Counter<long> Refreshes { get; }

    internal Histogram<double> RefreshDuration { get; }

    internal DependencyMetrics Dependencies { get; }

    internal void RecordRefresh(string repository, bool ok, TimeSpan duration)
    {
        var tags = new TagList { { "promptwatch.repository", repository }, { "promptwatch.outcome", ok ? "success" : "failure" } };
        Refreshes.Add(1, tags);
        RefreshDuration.Record(duration.TotalSeconds, tags);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
