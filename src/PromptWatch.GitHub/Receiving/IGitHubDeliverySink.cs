using PromptWatch.GitHub.Events;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// Receives every delivery the processing service takes from the queue, before it is counted (the pipeline monitor
/// is one). A sink handles its own failures; one that throws is logged and the delivery is counted all the same.
/// </summary>
internal interface IGitHubDeliverySink
{
    ValueTask ReceiveAsync(GitHubDelivery delivery, CancellationToken cancellationToken);
}
