namespace PromptWatch.Alerting;

/// <summary>
/// A channel that forgets an alert it has not heard of for a while (Alertmanager resolves one after its
/// <c>resolve_timeout</c>): while an alert fires, the engine sends it again every <see cref="RepeatInterval"/> as an
/// <see cref="AlertNotificationKind.Repeat"/> notification. Repeats bypass cooldown and hourly caps (they tell the
/// channel nothing new), are sent by one replica of those sharing the store, and are counted in metrics, not history.
/// </summary>
public interface IRepeatingAlertChannel : IAlertChannel
{
    /// <summary>How often firing alerts are sent again: shorter than the time after which the channel forgets them.</summary>
    TimeSpan RepeatInterval { get; }
}
