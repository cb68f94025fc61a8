namespace PromptWatch.Alerting;

/// <summary>How urgent an alert is, lowest first.</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing; nobody needs to act.</summary>
    Info,

    /// <summary>Needs attention soon.</summary>
    Warning,

    /// <summary>Something is broken.</summary>
    Error,

    /// <summary>Something is broken for users now: act immediately.</summary>
    Critical,
}
