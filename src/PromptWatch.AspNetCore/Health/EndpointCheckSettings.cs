namespace PromptWatch.AspNetCore.Health;

/// <summary>One HTTP endpoint check (<c>PromptWatch:Health:Endpoints:&lt;name&gt;</c>).</summary>
internal sealed class EndpointCheckSettings
{
    public string? Url { get; set; }

    public string Method { get; set; } = "GET";

    public int ExpectedStatus { get; set; } = 200;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Request headers; their values are secrets, never shown.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags of the check. Not set: <c>endpoint</c>.</summary>
    public IList<string>? Tags { get; set; }
}
