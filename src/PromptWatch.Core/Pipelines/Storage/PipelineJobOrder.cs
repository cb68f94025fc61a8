namespace PromptWatch.Pipelines;

/// <summary>The order of a run's jobs every store returns: by start time (unstarted last), then id.</summary>
internal static class PipelineJobOrder
{
    public static IComparer<PipelineJob> ByStart { get; } = Comparer<PipelineJob>.Create(static (a, b) =>
    {
        if (a.StartedAt is { } x && b.StartedAt is { } y)
        {
            var byStart = x.UtcTicks.CompareTo(y.UtcTicks);
            if (byStart != 0) return byStart;
        }
        else if (a.StartedAt is not null || b.StartedAt is not null)
        {
            return a.StartedAt is null ? 1 : -1;
        }

        return a.Id.CompareTo(b.Id);
    });
}
