using System.Globalization;

namespace PromptWatch.Notifications;

/// <summary>
/// How every channel retries and times out (the HTTP channels through Microsoft.Extensions.Http.Resilience, email
/// through the same kind of Polly pipeline): failed attempts are retried up to <see cref="MaxRetries"/> times with
/// exponential backoff and jitter from <see cref="BaseDelay"/>, capped at <see cref="MaxDelay"/>; each attempt may take
/// <see cref="AttemptTimeout"/>, the whole send <see cref="TotalTimeout"/>.
/// </summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>How many times a failed attempt (a 5xx, 408 or 429 answer, no connection, a timeout) is retried. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The backoff's first delay; it doubles with each retry, with jitter. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one send may take, retries included. Default 60 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Shows the settings.</summary>
    /// <returns>The settings as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MaxRetries={MaxRetries}, BaseDelay={BaseDelay}, MaxDelay={MaxDelay}, AttemptTimeout={AttemptTimeout}, TotalTimeout={TotalTimeout}");
}
