namespace PromptWatch.Alerting.Engine;

// What the status route tells of the engine beyond its alerts and rules.
internal sealed partial class AlertEngine
{
    // UTC ticks of the last evaluation, 0 before the first: read by status requests while an evaluation writes it.
    private long _lastEvaluationTicks;

    /// <inheritdoc />
    public DateTimeOffset? LastEvaluation
    {
        get => Interlocked.Read(ref _lastEvaluationTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        private set => Interlocked.Exchange(ref _lastEvaluationTicks, value?.UtcTicks ?? 0);
    }
}
