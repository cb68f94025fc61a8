namespace PromptWatch.Workspaces;

/// <summary>Where the credentials of each workspace user come from. Never the request's query string.</summary>
public enum WorkspaceCredentialSourceKind
{
    /// <summary>The configuration section <c>PromptWatch:Workspaces:Credentials:&lt;user&gt;</c>: <c>GitUsername</c>, <c>GitPassword</c>, <c>S3AccessKey</c>, <c>S3SecretKey</c>.</summary>
    Configuration,

    /// <summary>Environment variables <c>PROMPTWATCH_WORKSPACE_&lt;USER&gt;_GIT_USERNAME</c>, <c>_GIT_PASSWORD</c>, <c>_S3_ACCESS_KEY</c>, <c>_S3_SECRET_KEY</c>.</summary>
    Environment,

    /// <summary>Files in <see cref="WorkspaceOptions.CredentialsDirectory"/>: <c>&lt;user&gt;/git-username</c>, <c>git-password</c>, <c>s3-access-key</c>, <c>s3-secret-key</c>.</summary>
    Files,
}
