namespace PromptWatch.Workspaces;

/// <summary>Which workspace: a user on a cluster. Only made from values that passed validation.</summary>
/// <param name="User">The user, as it matched the user pattern.</param>
/// <param name="Cluster">The cluster, lower-case, as it matched the allow-list.</param>
public sealed record WorkspaceKey(string User, string Cluster)
{
    /// <summary>Shows <c>user/cluster</c>.</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => $"{User}/{Cluster}";
}
