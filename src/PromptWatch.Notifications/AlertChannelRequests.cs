namespace PromptWatch.Notifications;

/// <summary>
/// Tells the requests of the alert channels apart, so that a host can keep them out of its HTTP client traces: a
/// trace's <c>url.full</c> would hold the channel's URL, which is a secret (Slack and Discord put their token in the
/// path). With OpenTelemetry: <c>AddHttpClientInstrumentation(o =&gt; o.FilterHttpRequestMessage = r =&gt;
/// !AlertChannelRequests.IsAlertChannelRequest(r))</c>.
/// </summary>
public static class AlertChannelRequests
{
    /// <summary>The request option that holds the channel's name on each channel request.</summary>
    public static readonly HttpRequestOptionsKey<string> ChannelKey = new("PromptWatch.Notifications.Channel");

    /// <summary>Whether <paramref name="request"/> was sent by an alert channel.</summary>
    /// <param name="request">A request.</param>
    /// <returns><see langword="true"/> for an alert channel's request.</returns>
    public static bool IsAlertChannelRequest(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(ChannelKey, out _);
    }
}
