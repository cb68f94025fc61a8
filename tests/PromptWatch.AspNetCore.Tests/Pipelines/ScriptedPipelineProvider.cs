using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// A test implementation of <see cref="IPipelineProvider"/> for the endpoint tests: it answers from what the test gives
/// it and records reruns and cancels, or fails as told. The layer boundary is tested for real elsewhere: the GitHub
/// Actions provider is tested against Prism serving GitHub's OpenAPI description.
/// </summary>
internal sealed class ScriptedPipelineProvider(params string[] repositories) : IPipelineProvider
{
    public string Name => "scripted";

    public IReadOnlyList<string> Repositories { get; } = repositories;

    public Dictionary<long, PipelineRun> Runs { get; } = [];

    public Dictionary<long, string> JobLogs { get; } = [];

    public List<string> Actions { get; } = [];

    public PipelineProviderException? Failure { get; set; }

    public Task<PipelinePage<PipelineRun>> ListRunsAsync(string repository, PipelineRunQuery query, CancellationToken cancellationToken)
    {
        Throw();
        var items = Runs.Values.Where(query.Matches).OrderByDescending(static r => r.CreatedAt).ToList();
        return Task.FromResult(new PipelinePage<PipelineRun>(items, 1, items.Count, items.Count));
    }

    public Task<PipelineRun?> GetRunAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult(Runs.GetValueOrDefault(runId));
    }

    public Task<IReadOnlyList<PipelineJob>> GetJobsAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult<IReadOnlyList<PipelineJob>>([]);
    }

    public Task<IReadOnlyList<PipelineJobLog>> GetRunLogsAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult<IReadOnlyList<PipelineJobLog>>([.. JobLogs.Select(static p => new PipelineJobLog(p.Key, "job " + p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value, false))]);
    }

    public Task<PipelineJobLog> GetJobLogAsync(string repository, long jobId, CancellationToken cancellationToken)
    {
        Throw();
        if (!JobLogs.TryGetValue(jobId, out var text)) throw new PipelineProviderException(PipelineProviderFailure.NotFound, $"The provider has no job {jobId}.");
        return Task.FromResult(new PipelineJobLog(jobId, "build", text, false));
    }

    public Task RerunAsync(string repository, long runId, bool failedJobsOnly, CancellationToken cancellationToken)
    {
        Throw();
        lock (Actions) Actions.Add($"rerun {repository} {runId} {failedJobsOnly}");
        return Task.CompletedTask;
    }

    public Task CancelAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        Throw();
        lock (Actions) Actions.Add($"cancel {repository} {runId}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PipelineDeployment>> ListDeploymentsAsync(string repository, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult<IReadOnlyList<PipelineDeployment>>([]);
    }

    private void Throw()
    {
        if (Failure is { } failure) throw failure;
    }
}
