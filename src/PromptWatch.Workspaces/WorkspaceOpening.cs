namespace PromptWatch.Workspaces;

/// <summary>A workspace held for one request (the lease ends the hold), or why the request may not open one now.</summary>
/// <param name="Workspace">The workspace, unless refused.</param>
/// <param name="Lease">The hold on it, unless refused; dispose it when the request ends.</param>
/// <param name="Refusal">Why not, when refused.</param>
internal sealed record WorkspaceOpening(Workspace? Workspace, IDisposable? Lease, WorkspaceRefusal? Refusal);
