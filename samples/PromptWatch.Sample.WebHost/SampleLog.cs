namespace PromptWatch.Sample.WebHost;

internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GitHub webhooks are off: set GITHUB_WEBHOOK_SECRET (the secret configured in GitHub) to receive them at POST {Path}")]
    public static partial void WebhooksOff(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "JWT_SECRET_KEY is not set: the activity endpoints under {Prefix} answer anyone. Set it to require HS256 bearer tokens")]
    public static partial void AnonymousActivity(ILogger logger, string prefix);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "PromptWatch:Workspaces:AllowAnonymous is on and JWT_SECRET_KEY is not set: anyone may open any workspace, read with its user's credentials")]
    public static partial void AnonymousWorkspaces(ILogger logger);
}
