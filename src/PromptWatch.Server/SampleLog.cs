namespace PromptWatch.Server;

internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GitHub webhooks are off: set GITHUB_WEBHOOK_SECRET (the secret configured in GitHub) to receive them at POST {Path}")]
    public static partial void WebhooksOff(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Neither JWT_SECRET_KEY nor OIDC_AUTHORITY is set: the activity endpoints under {Prefix} answer anyone. Set JWT_SECRET_KEY to require HS256 bearer tokens, OIDC_AUTHORITY (with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET) to sign browsers in")]
    public static partial void AnonymousActivity(ILogger logger, string prefix);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "PromptWatch:Workspaces:AllowAnonymous is on and neither JWT_SECRET_KEY nor OIDC_AUTHORITY is set: anyone may open any workspace, read with its user's credentials")]
    public static partial void AnonymousWorkspaces(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Browser sign-in with OpenID Connect: provider {Authority}, client {ClientId}, user claim {UserClaim}, redirect URI <this host>/signin-oidc")]
    public static partial void BrowserSignIn(ILogger logger, Uri authority, string clientId, string userClaim);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A browser sign-in failed: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);
}
