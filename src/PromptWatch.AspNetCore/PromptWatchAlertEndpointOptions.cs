namespace PromptWatch.AspNetCore;

/// <summary>How <c>MapPromptWatchAlerts()</c> treats requests.</summary>
public sealed class PromptWatchAlertEndpointOptions
{
    /// <summary>The largest request body (a rule, a silence, a comment) the routes read; a larger one is answered 413. Default 64 KiB.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
