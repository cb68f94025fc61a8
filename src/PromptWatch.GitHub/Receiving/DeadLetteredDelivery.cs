namespace PromptWatch.GitHub.Receiving;

/// <summary>A delivery that was not counted: its event, id, how often it was tried, the store's last error, when it was given up.</summary>
internal sealed record DeadLetteredDelivery(string Event, string Delivery, int Attempts, string Error, DateTimeOffset At);
