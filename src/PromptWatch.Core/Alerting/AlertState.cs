namespace PromptWatch.Alerting;

/// <summary>Where an alert is in its lifecycle (the vocabulary of Prometheus and Alertmanager).</summary>
public enum AlertState
{
    /// <summary>The condition holds but not yet as many times (or as long) as the rule asks.</summary>
    Pending,

    /// <summary>The condition held long enough: notifications go out.</summary>
    Firing,

    /// <summary>Someone took it on (<see cref="Alert.Acknowledgement"/>); it still fires until resolved.</summary>
    Acknowledged,

    /// <summary>The condition cleared, someone resolved it, or it resolved itself after the rule's time (<see cref="Alert.Resolution"/>).</summary>
    Resolved,

    /// <summary>A silence matches it: it fires but notifies nobody (<see cref="Alert.SilencedBy"/>).</summary>
    Suppressed,
}
