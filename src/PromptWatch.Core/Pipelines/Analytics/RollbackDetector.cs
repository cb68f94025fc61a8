using System.Text.RegularExpressions;

namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Finds rollbacks among deployments: per repository and environment, in creation order, a deployment whose commit is
/// a strict ancestor of the commit deployed just before it (decided by <see cref="ICommitAncestry"/>), or whose ref or
/// description matches a rollback pattern.
/// </summary>
internal sealed class RollbackDetector
{
    public const string DefaultPattern = @"\b(rollback|roll back|revert)\b";

    private readonly Regex[] patterns;
    private readonly ICommitAncestry? ancestry;

    public RollbackDetector(IEnumerable<string> patterns, ICommitAncestry? ancestry)
    {
        var list = patterns.ToList();
        if (list.Count == 0) list.Add(DefaultPattern);
        this.patterns = [.. list.Select(static p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
        this.ancestry = ancestry;
    }

    /// <summary>The rollbacks among <paramref name="deployments"/>, newest first.</summary>
    public async Task<IReadOnlyList<PipelineRollback>> FindAsync(IReadOnlyList<PipelineDeployment> deployments, CancellationToken cancellationToken)
    {
        var result = new List<PipelineRollback>();
        var groups = deployments.GroupBy(static d => (d.Repository.ToUpperInvariant(), d.Environment.ToUpperInvariant()));
        foreach (var group in groups)
        {
            PipelineDeployment? previous = null;
            foreach (var deployment in group.OrderBy(static d => d.CreatedAt).ThenBy(static d => d.Id))
            {
                if (previous is not null)
                {
                    var reason = await ReasonAsync(deployment, previous, cancellationToken).ConfigureAwait(false);
                    if (reason is not null) result.Add(new PipelineRollback(deployment, previous.Id, previous.Sha, reason));
                }

                previous = deployment;
            }
        }

        result.Sort(static (a, b) => b.Deployment.CreatedAt != a.Deployment.CreatedAt ? b.Deployment.CreatedAt.CompareTo(a.Deployment.CreatedAt) : b.Deployment.Id.CompareTo(a.Deployment.Id));
        return result;
    }

    /// <summary>Why <paramref name="deployment"/> is a rollback from <paramref name="previous"/> (<c>ancestor</c>, <c>pattern</c>), or <see langword="null"/>.</summary>
    public async ValueTask<string?> ReasonAsync(PipelineDeployment deployment, PipelineDeployment previous, CancellationToken cancellationToken)
    {
        if (ancestry is not null && !string.Equals(deployment.Sha, previous.Sha, StringComparison.OrdinalIgnoreCase)
            && await ancestry.IsAncestorAsync(deployment.Repository, deployment.Sha, previous.Sha, cancellationToken).ConfigureAwait(false) == true)
        {
            return "ancestor";
        }

        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(deployment.Ref) || (deployment.Description is { } description && pattern.IsMatch(description))) return "pattern";
        }

        return null;
    }
}
