namespace PromptWatch.Alerting;

/// <summary>
/// What a channel is asked to send: the alerts of one group (one rule and its grouping labels) that fired or resolved.
/// </summary>
/// <param name="Kind">Firing, resolved, or a test send.</param>
/// <param name="GroupKey">The group's stable key (rule and labels).</param>
/// <param name="Alerts">The group's alerts, at least one.</param>
/// <param name="At">When it was sent.</param>
public sealed record AlertNotification(AlertNotificationKind Kind, string GroupKey, IReadOnlyList<Alert> Alerts, DateTimeOffset At)
{
    /// <summary>The rule's description, if it has one.</summary>
    public string? Description { get; init; }

    /// <summary>The dashboard's page of the alerts, when the host configured its address.</summary>
    public Uri? DashboardUrl { get; init; }
}

/// <summary>Why a notification is sent.</summary>
public enum AlertNotificationKind
{
    /// <summary>The alerts fired.</summary>
    Firing,

    /// <summary>The alerts resolved.</summary>
    Resolved,

    /// <summary>A test send through the API: no alert behind it.</summary>
    Test,

    /// <summary>The alerts are still firing: sent again to an <see cref="IRepeatingAlertChannel"/>, nothing new.</summary>
    Repeat,
}
