namespace PromptWatch.Alerting;

/// <summary>
/// Every notification the alerting engine sends, as it hands it to its channels (registered by <c>AddAlerting()</c>):
/// firing, resolved, repeated and test notifications. The pipeline monitor's live connections carry them on their
/// <c>notifications</c> topic. A handler should only queue what it is given (a slow handler delays the engine's
/// worker); a failing handler is logged and does not reach the engine.
/// </summary>
public interface IAlertNotificationFeed
{
    /// <summary>Subscribes to notifications until the returned handle is disposed.</summary>
    /// <param name="handler">Called with each notification sent.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    IDisposable Subscribe(Func<AlertDispatch, ValueTask> handler);
}
