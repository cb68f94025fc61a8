using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// Keeps the <see cref="TimelineView"/> of the newest timeline; builds a new one when the timeline changes (and drops the
/// replaced one's parts from the shared <paramref name="cache"/>, when there is one).
/// </summary>
internal sealed class TimelineViews(PromptWatchMonitor monitor, TimeSpan viewLifetime, TimelineViewCache? cache = null)
{
    private readonly Lock _lock = new();
    private TimelineView? _current;

    public PromptWatchMonitor Monitor => monitor;

    /// <summary>A random tag of this process, so ETags of two runs never match.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..8];

    public TimelineView Get(string evalBase)
    {
        var snapshot = monitor.Current;
        var view = Volatile.Read(ref _current);
        if (view is not null && view.TimelineVersion == snapshot.TimelineVersion && view.EvalBase == evalBase) return view;
        lock (_lock)
        {
            view = _current;
            if (view is not null && view.TimelineVersion == snapshot.TimelineVersion && view.EvalBase == evalBase) return view;
            var replaced = view;
            view = new TimelineView(snapshot.TimelineVersion, snapshot.Timeline, evalBase, viewLifetime, cache);
            Volatile.Write(ref _current, view);
            // A request still serving the replaced view serializes what it needs again; nothing else reads it.
            replaced?.Forget();
            return view;
        }
    }

    public string ETagFor(TimelineView view) => $"\"pw-{Instance}-{view.TimelineVersion}\"";

    /// <summary>The ETag of a body in <paramref name="coding"/>: each encoding is its own representation.</summary>
    public string ETagFor(TimelineView view, ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => $"\"pw-{Instance}-{view.TimelineVersion}-br\"",
        ContentCoding.Gzip => $"\"pw-{Instance}-{view.TimelineVersion}-gz\"",
        _ => ETagFor(view),
    };
}
