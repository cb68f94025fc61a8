namespace PromptWatch.GitHub.Alerts;

internal static class AlertHttp
{
    /// <summary>Throws without the URL in the message (sink URLs are secrets).</summary>
    public static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The alert sink answered {(int)response.StatusCode}.", null, response.StatusCode);
    }
}
