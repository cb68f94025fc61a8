namespace PromptWatch.Pipelines;

/// <summary>
/// Live pipeline changes (a singleton registered by <c>AddPipelines()</c>). Writers call <see cref="Publish"/>; each
/// subscriber's handler is called once per change, in order of publication; a handler should only queue the change
/// (a slow handler delays the publisher), and a failing handler is logged and does not reach the publisher.
/// </summary>
public interface IPipelineEvents
{
    /// <summary>Hands a change to every subscriber.</summary>
    /// <param name="change">The change.</param>
    void Publish(PipelineChange change);

    /// <summary>Subscribes to changes until the returned handle is disposed.</summary>
    /// <param name="handler">Called with each change.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    IDisposable Subscribe(Func<PipelineChange, ValueTask> handler);
}
