using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using PromptWatch.GitHub.Pipelines;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub;

/// <summary>
/// GitHub Actions as an <see cref="IPipelineProvider"/>, on Octokit (<c>Actions.Workflows.Runs</c>,
/// <c>Actions.Workflows.Jobs</c>, <c>Repository.Deployment</c>). Logs are downloaded with a plain HTTP client that
/// follows GitHub's redirect to the signed log address without the token. Every failure is a
/// <see cref="PipelineProviderException"/> saying what GitHub refused; the token appears in none.
/// </summary>
public sealed class GitHubActionsPipelineProvider : IPipelineProvider
{
    private readonly GitHubClient _client;
    private readonly GitHubFailures _failures;
    private readonly GitHubLogDownloader _logs;
    private readonly PipelineOptions _pipelineOptions;
    private readonly ILogger _logger;
    private readonly int _pollPageSize;

    internal GitHubActionsPipelineProvider(
        IOptions<GitHubActionsOptions> options,
        IOptions<PipelineOptions> pipelineOptions,
        GitHubActionsConnection connection,
        GitHubFailures failures,
        GitHubLogDownloader logs,
        ILogger<GitHubActionsPipelineProvider> logger)
    {
        _client = connection.Client;
        _failures = failures;
        _logs = logs;
        _pipelineOptions = pipelineOptions.Value;
        _logger = logger;
        _pollPageSize = options.Value.PollPageSize;
        Repositories = options.Value.Repositories.Select(static r => GitHubRepositoryName.Parse(r)?.FullName ?? r).ToList();
    }

    /// <summary>The provider's name, <c>github-actions</c>.</summary>
    public string Name => "github-actions";

    /// <inheritdoc />
    public IReadOnlyList<string> Repositories { get; }

    /// <summary>
    /// One page of the repository's runs, newest first, filtered by GitHub (status or conclusion, branch, actor,
    /// event). GitHub's description gives no range for <c>created</c> and no <c>startup_failure</c> status filter,
    /// so the created range, that conclusion and a workflow name are applied to the page GitHub answered.
    /// </summary>
    /// <inheritdoc />
    public async Task<PipelinePage<PipelineRun>> ListRunsAsync(string repository, PipelineRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var name = Repository(repository);
        var request = new WorkflowRunsRequest
        {
            Branch = query.Branch,
            Actor = query.Actor,
            Event = query.Event,
        };
        // GitHub's status parameter takes statuses and conclusions; a conclusion filter is the stronger one.
        if (query.Conclusion is PipelineConclusion.StartupFailure) request.Status = Filter("completed");
        else if (query.Conclusion is { } conclusion) request.Status = Filter(GitHubActionsValues.Word(conclusion));
        else if (query.Status is { } status) request.Status = Filter(GitHubActionsValues.Word(status));
        var perPage = Math.Clamp(query.PerPage, 1, PipelineRunQuery.MaxPerPage);
        var page = Math.Max(query.Page, 1);
        var response = await _failures.Run(
            $"list the runs of {name.FullName}",
            () => _client.Actions.Workflows.Runs.List(name.Owner, name.Name, request, new ApiOptions { PageSize = perPage, PageCount = 1, StartPage = page }),
            cancellationToken).ConfigureAwait(false);
        var runs = (response.WorkflowRuns ?? []).Select(r => GitHubRestMapping.Run(name.FullName, r));
        if (query.Workflow is { Length: > 0 } workflow) runs = runs.Where(r => string.Equals(r.WorkflowName, workflow, StringComparison.OrdinalIgnoreCase));
        if (query.Conclusion is PipelineConclusion.StartupFailure) runs = runs.Where(static r => r.Conclusion == PipelineConclusion.StartupFailure);
        if (query.CreatedFrom is { } from) runs = runs.Where(r => r.CreatedAt >= from);
        if (query.CreatedTo is { } to) runs = runs.Where(r => r.CreatedAt <= to);
        return new PipelinePage<PipelineRun>(runs.ToList(), page, perPage, (int)Math.Clamp(response.TotalCount, 0, int.MaxValue));
    }

    /// <inheritdoc />
    public async Task<PipelineRun?> GetRunAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        try
        {
            var run = await _failures.Run($"read run {runId} of {name.FullName}", () => _client.Actions.Workflows.Runs.Get(name.Owner, name.Name, runId), cancellationToken).ConfigureAwait(false);
            return GitHubRestMapping.Run(name.FullName, run);
        }
        catch (PipelineProviderException e) when (e.Failure == PipelineProviderFailure.NotFound)
        {
            return null;
        }
    }

    /// <summary>The jobs of the run's latest attempt, with their steps (up to 100 pages of 100).</summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<PipelineJob>> GetJobsAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        var run = await _failures.Run($"read run {runId} of {name.FullName}", () => _client.Actions.Workflows.Runs.Get(name.Owner, name.Name, runId), cancellationToken).ConfigureAwait(false);
        return await JobsAsync(name, GitHubRestMapping.Run(name.FullName, run), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The jobs of <paramref name="run"/>'s attempt.</summary>
    internal async Task<IReadOnlyList<PipelineJob>> JobsAsync(GitHubRepositoryName name, PipelineRun run, CancellationToken cancellationToken)
    {
        var response = await _failures.Run(
            $"list the jobs of run {run.Id} of {name.FullName}",
            () => _client.Actions.Workflows.Jobs.List(name.Owner, name.Name, run.Id, new WorkflowRunJobsRequest { Filter = WorkflowRunJobsFilter.Latest }, new ApiOptions { PageSize = 100, PageCount = 100 }),
            cancellationToken).ConfigureAwait(false);
        return (response.Jobs ?? []).Select(j => GitHubRestMapping.Job(name.FullName, run.Attempt, run.WorkflowName, j)).ToList();
    }

    /// <summary>
    /// The run's logs per job, from its log archive; jobs the archive misses (it can) are read one by one from the job
    /// log endpoint.
    /// </summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<PipelineJobLog>> GetRunLogsAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        var jobs = await GetJobsAsync(repository, runId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PipelineJobLog> archived;
        try
        {
            archived = await _logs.RunLogsAsync(name, runId, jobs, _pipelineOptions.MaxLogBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineProviderException e) when (e.Failure is PipelineProviderFailure.NotFound or PipelineProviderFailure.Invalid && jobs.Count > 0)
        {
            GitHubActionsLog.ArchiveUnavailable(_logger, runId, name.FullName, e.Message);
            archived = [];
        }

        var logs = archived.ToList();
        foreach (var job in jobs.Where(j => !archived.Any(a => a.JobId == j.Id)))
        {
            logs.Add(await _logs.JobLogAsync(name, job.Id, job.Name, _pipelineOptions.MaxLogBytes, cancellationToken).ConfigureAwait(false));
        }

        return logs;
    }

    /// <inheritdoc />
    public async Task<PipelineJobLog> GetJobLogAsync(string repository, long jobId, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        var job = await _failures.Run($"read job {jobId} of {name.FullName}", () => _client.Actions.Workflows.Jobs.Get(name.Owner, name.Name, jobId), cancellationToken).ConfigureAwait(false);
        return await _logs.JobLogAsync(name, jobId, job.Name ?? string.Empty, _pipelineOptions.MaxLogBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RerunAsync(string repository, long runId, bool failedJobsOnly, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        return failedJobsOnly
            ? _failures.Run($"rerun the failed jobs of run {runId} of {name.FullName}", () => _client.Actions.Workflows.Runs.RerunFailedJobs(name.Owner, name.Name, runId), cancellationToken)
            : _failures.Run($"rerun run {runId} of {name.FullName}", () => _client.Actions.Workflows.Runs.Rerun(name.Owner, name.Name, runId), cancellationToken);
    }

    /// <inheritdoc />
    public Task CancelAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        return _failures.Run($"cancel run {runId} of {name.FullName}", () => _client.Actions.Workflows.Runs.Cancel(name.Owner, name.Name, runId), cancellationToken);
    }

    /// <summary>The repository's recent deployments (one page of the poll's size), each with its latest status.</summary>
    /// <inheritdoc />
    public async Task<IReadOnlyList<PipelineDeployment>> ListDeploymentsAsync(string repository, CancellationToken cancellationToken)
    {
        var name = Repository(repository);
        var result = new List<PipelineDeployment>();
        foreach (var deployment in await RecentDeploymentsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var statuses = await DeploymentStatusesAsync(name, deployment.Id, cancellationToken).ConfigureAwait(false);
            result.Add(GitHubRestMapping.Deployment(name.FullName, deployment, statuses.Count > 0 ? statuses[0] : null));
        }

        return result;
    }

    /// <summary>The recent deployments, newest first (one page of the poll's size).</summary>
    internal Task<IReadOnlyList<Deployment>> RecentDeploymentsAsync(GitHubRepositoryName name, CancellationToken cancellationToken) =>
        _failures.Run(
            $"list the deployments of {name.FullName}",
            () => _client.Repository.Deployment.GetAll(name.Owner, name.Name, new ApiOptions { PageSize = _pollPageSize, PageCount = 1 }),
            cancellationToken);

    /// <summary>A deployment's statuses, newest first (the first page: GitHub keeps the newest there).</summary>
    internal async Task<IReadOnlyList<DeploymentStatus>> DeploymentStatusesAsync(GitHubRepositoryName name, long deploymentId, CancellationToken cancellationToken)
    {
        var statuses = await _failures.Run(
            $"list the statuses of deployment {deploymentId} of {name.FullName}",
            () => _client.Repository.Deployment.Status.GetAll(name.Owner, name.Name, deploymentId, new ApiOptions { PageSize = 30, PageCount = 1 }),
            cancellationToken).ConfigureAwait(false);
        return statuses.OrderByDescending(static s => s.CreatedAt).ThenByDescending(static s => s.Id).ToList();
    }

    /// <summary>The recent runs of the repository for the reconcile poll (one page of the poll's size).</summary>
    internal async Task<IReadOnlyList<PipelineRun>> RecentRunsAsync(GitHubRepositoryName name, CancellationToken cancellationToken)
    {
        var response = await _failures.Run(
            $"list the runs of {name.FullName}",
            () => _client.Actions.Workflows.Runs.List(name.Owner, name.Name, new WorkflowRunsRequest(), new ApiOptions { PageSize = _pollPageSize, PageCount = 1 }),
            cancellationToken).ConfigureAwait(false);
        return (response.WorkflowRuns ?? []).Select(r => GitHubRestMapping.Run(name.FullName, r)).ToList();
    }

    private GitHubRepositoryName Repository(string repository)
    {
        var name = GitHubRepositoryName.Parse(repository)
            ?? throw new PipelineProviderException(PipelineProviderFailure.Invalid, $"'{repository}' is no owner/name repository.");
        if (!Repositories.Contains(name.FullName, StringComparer.OrdinalIgnoreCase))
        {
            throw new PipelineProviderException(PipelineProviderFailure.NotFound, $"{name.FullName} is not one of the repositories of {GitHubActionsOptions.SectionName}:Repositories.");
        }

        return name;
    }

    private static StringEnum<CheckRunStatusFilter> Filter(string word) => new(word);
}
