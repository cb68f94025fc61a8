namespace PromptWatch.Alerting;

/// <summary>Where PromptWatch and its integrations report events for the event rules. Never blocks and never throws.</summary>
public interface IAlertEventPublisher
{
    /// <summary>Reports an event; rules are matched off the caller's path.</summary>
    /// <param name="alertEvent">The event.</param>
    void Publish(AlertEvent alertEvent);
}
