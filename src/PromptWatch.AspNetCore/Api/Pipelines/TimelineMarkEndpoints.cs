using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Pipelines.Timeline;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>
/// The handlers of <c>api/v1/pipeline/commits</c> (the checks of commits, for the timeline's cards) and
/// <c>api/v1/pipeline/deployed</c> (the commit live in each repository's environments).
/// </summary>
internal sealed class TimelineMarkEndpoints(PipelineTimeline timeline, PromptWatchMonitor? monitor)
{
    private const int MinShaLength = PipelineTimeline.MinShaLength;
    private const int MaxShaLength = 64;

    public async Task<IResult> CommitsAsync(HttpContext context)
    {
        var shas = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in context.Request.Query["sha"])
        {
            foreach (var sha in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (sha.Length is < MinShaLength or > MaxShaLength || !sha.All(char.IsAsciiHexDigit))
                {
                    return PipelineProblems.InvalidParameter("sha", string.Create(CultureInfo.InvariantCulture, $"sha must be commits of {MinShaLength} to {MaxShaLength} hexadecimal characters, comma-separated, not '{Shorten(sha)}'."));
                }

                if (seen.Add(sha)) shas.Add(sha.ToLowerInvariant());
            }
        }

        if (shas.Count == 0) return PipelineProblems.InvalidParameter("sha", "sha is required: one or more commits, comma-separated.");
        if (shas.Count > PipelineTimeline.MaxCommits)
        {
            return PipelineProblems.InvalidParameter("sha", string.Create(CultureInfo.InvariantCulture, $"sha names {shas.Count} commits; at most {PipelineTimeline.MaxCommits} are answered at once."));
        }

        var checks = await timeline.ChecksAsync(shas, monitor?.Current.Timeline, context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new
        {
            commits = checks.Select(static c => new { sha = c.Sha, state = c.State, runs = c.Runs.Select(RunView.Of).ToList() }).ToList(),
        }).ConfigureAwait(false);
    }

    public async Task<IResult> DeployedAsync(HttpContext context)
    {
        var deployed = await timeline.DeployedAsync(PipelineQuery.Text(context.Request.Query, "repository"), context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new { deployed }).ConfigureAwait(false);
    }

    private static string Shorten(string text) => text.Length <= MaxShaLength ? text : text[..MaxShaLength] + "…";
}
