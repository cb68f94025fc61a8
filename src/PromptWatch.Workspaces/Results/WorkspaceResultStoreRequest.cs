namespace PromptWatch.Workspaces;

/// <summary>What a workspace's result store is built from.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Endpoint">The store's API, built from <see cref="WorkspaceOptions.S3Endpoint"/>.</param>
/// <param name="UiUrl">Its web console, built from <see cref="WorkspaceOptions.S3UiUrl"/>, if any.</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="AccessKey">The access key, if the user has one.</param>
/// <param name="SecretKey">The secret key, if the user has one; never shown by <see cref="ToString"/>.</param>
public sealed record WorkspaceResultStoreRequest(WorkspaceKey Workspace, Uri Endpoint, Uri? UiUrl, string Bucket, string? AccessKey, string? SecretKey)
{
    /// <summary>Shows where the store is, never a key.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => $"{Workspace}: {Endpoint} bucket {Bucket}";
}
