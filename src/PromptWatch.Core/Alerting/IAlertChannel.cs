namespace PromptWatch.Alerting;

/// <summary>
/// Somewhere notifications go: a log, a webhook, a chat, email, Alertmanager. The engine calls channels off its
/// evaluation path, each on its own queue, so a slow or failing channel delays no other. An exception is a failed
/// attempt; its message must not hold the channel's address or credentials.
/// </summary>
public interface IAlertChannel
{
    /// <summary>The channel's name, as rules name it (<c>log</c>, <c>slack</c>, <c>email</c>...): never a URL.</summary>
    string Name { get; }

    /// <summary>Sends one notification (with the channel's own retries and timeouts).</summary>
    /// <param name="notification">What to send.</param>
    /// <param name="cancellationToken">Ends the attempt (shutdown).</param>
    /// <returns>A task that completes when the notification was accepted.</returns>
    Task SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
