namespace PromptWatch.Alerting;

/// <summary>
/// A store that can gather the changes of one flow into one write (the file store, which rewrites a whole snapshot per
/// write): what the flow changes until the returned batch is disposed is read back at once but written when it ends.
/// </summary>
internal interface IAlertStoreBatching
{
    /// <summary>
    /// Opens a batch in the calling flow (a batch already open in it goes on: the outer one writes). Call it directly
    /// in the method that disposes it, not from an async helper, so that the flow carries it.
    /// </summary>
    /// <returns>The batch; disposing it writes what it gathered.</returns>
    IAsyncDisposable BeginBatch();
}
