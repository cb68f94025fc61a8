using Octokit.Webhooks;

namespace PromptWatch.GitHub.Events;

/// <summary>One accepted webhook delivery, waiting to be processed.</summary>
/// <param name="Event">The <c>X-GitHub-Event</c> name.</param>
/// <param name="Id">The <c>X-GitHub-Delivery</c> id.</param>
/// <param name="Payload">
/// The typed Octokit.Webhooks event (<see cref="Octokit.Webhooks.Events.PushEvent"/>,
/// <see cref="Octokit.Webhooks.Events.PullRequestEvent"/>...) of an event <see cref="GitHubEventProcessor"/> has a
/// method for; <see langword="null"/> for any other event, and for one whose action Octokit.Webhooks does not know
/// (<see cref="UnknownAction"/>).
/// </param>
/// <param name="ReceivedAt">When the receiver accepted it; counters and trends use this time, also when processing is retried later.</param>
public sealed record GitHubDelivery(string Event, string Id, WebhookEvent? Payload, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// For an event <see cref="GitHubEventProcessor"/> has a method for whose <c>action</c> Octokit.Webhooks does not
    /// know (GitHub added it after this version, or the body has none): the action as sent when it is a plain name
    /// (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>; at most 64), otherwise empty. Such a delivery has no
    /// <see cref="Payload"/> and counts as <c>other</c>. <see langword="null"/> for every other delivery.
    /// </summary>
    public string? UnknownAction { get; init; }
}
