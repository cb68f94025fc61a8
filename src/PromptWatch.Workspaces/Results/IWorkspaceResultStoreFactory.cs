using PromptWatch.Results;

namespace PromptWatch.Workspaces;

/// <summary>
/// Builds a workspace's evaluation-result store from its endpoint, console URL and credentials. Registered by an
/// integration (<c>AddS3WorkspaceResults()</c> in PromptWatch.Workspaces.S3); without one, workspaces have no results.
/// </summary>
public interface IWorkspaceResultStoreFactory
{
    /// <summary>The store of one workspace; the workspace disposes it when it is evicted, if it is disposable.</summary>
    /// <param name="request">Where the store is and how to reach it.</param>
    /// <returns>The store.</returns>
    IEvaluationResultStore Create(WorkspaceResultStoreRequest request);
}
