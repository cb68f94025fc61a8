namespace PromptWatch.GitHub.Events;

/// <summary>One accepted webhook delivery, waiting to be processed.</summary>
/// <param name="Event">The <c>X-GitHub-Event</c> name.</param>
/// <param name="Id">The <c>X-GitHub-Delivery</c> id.</param>
/// <param name="Payload">The typed payload (<see cref="PushEvent"/>...), or <see langword="null"/> for an event PromptWatch does not handle.</param>
/// <param name="ReceivedAt">When the receiver accepted it; counters and trends use this time, also when processing is retried later.</param>
public sealed record GitHubDelivery(string Event, string Id, object? Payload, DateTimeOffset ReceivedAt);
