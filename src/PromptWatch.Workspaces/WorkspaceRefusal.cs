namespace PromptWatch.Workspaces;

/// <summary>Why a request may not open a workspace now, and when to ask again.</summary>
/// <param name="StatusCode">429 when the user reached a limit of their own, 503 when the host is full.</param>
/// <param name="Title">The problem's title.</param>
/// <param name="Detail">What was reached, naming the setting.</param>
/// <param name="Limit">The setting that was reached, for example <c>PromptWatch:Workspaces:MaxAlivePerUser</c>.</param>
/// <param name="RetryAfter">When to ask again (at least one second).</param>
internal sealed record WorkspaceRefusal(int StatusCode, string Title, string Detail, string Limit, TimeSpan RetryAfter)
{
    /// <summary>The <c>Retry-After</c> value: whole seconds, rounded up, at least 1.</summary>
    public long RetryAfterSeconds => Math.Max(1, (long)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>The name of <paramref name="setting"/> as configured.</summary>
    public static string Setting(string setting) => $"{WorkspaceOptions.SectionName}:{setting}";
}
