namespace PromptWatch.Alerting;

/// <summary>A notification the engine handed to its channels, and which channels it went to.</summary>
/// <param name="Notification">What was sent.</param>
/// <param name="Channels">The channels it was queued to (or, for a test send, sent through), at least one.</param>
public sealed record AlertDispatch(AlertNotification Notification, IReadOnlyList<string> Channels);
