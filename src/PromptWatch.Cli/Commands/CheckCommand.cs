using System.CommandLine;
using LibGit2Sharp;
using PromptWatch.Cli.Gate;
using PromptWatch.Model;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch check &lt;path-or-url&gt; [--env prod] [--since &lt;rev&gt;] [--results &lt;folder|s3://bucket&gt;]
/// [--grace 1h] [--config &lt;file&gt;] [--format text|json|junit]</c>: the evaluation gate for CI, reading the results
/// with the server's result layout (<see cref="GateSettings"/>). Lists every change of the environment in
/// the range and exits with <see cref="Unevaluated"/> when one has no evaluation report although its commit is older
/// than the grace period.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Exit code when a change has no evaluation report after the grace period (1 stays a user error).</summary>
    public const int Unevaluated = 3;

    /// <summary>The grace period without <c>--grace</c>: the alerting engine's <c>EvaluationGracePeriod</c> default.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);

    public static Command Create(TextWriter output, TextWriter error, int? width, TimeProvider timeProvider)
    {
        var common = new CommonOptions();
        var environments = new Option<string[]>("--env", "-e") { Description = "The environment whose changes need a report; repeat for several (default: prod).", AllowMultipleArgumentsPerToken = false };
        var since = new Option<string?>("--since") { Description = "Only changes in commits after this revision (a sha, tag or branch: the range <rev>..<branch>); default: the whole history." };
        var results = new Option<string>("--results", "-r")
        {
            Description = "Where the reports are: a folder of <commit>/<usecase>_results.html files, or s3://<bucket> (or s3) with S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY (or PromptWatch__S3__*) in the environment.",
            Required = true,
        };
        var grace = new Option<string?>("--grace") { Description = "How long after its commit a change may go without a report (90s, 30m, 2h, 7d; default 1h)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "A JSON settings file as `promptwatch server --config` takes it: its PromptWatch:ResultPatterns (the result layout) and PromptWatch:S3 settings win over the environment's." };
        var format = new Option<string>("--format") { Description = "text (a table), json, or junit (JUnit XML, one testcase per change).", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var command = new Command("check", $"Fail (exit code {Unevaluated}) when a change has no evaluation report after the grace period: the evaluation gate for CI.");
        common.AddTo(command);
        command.Options.Add(environments);
        command.Options.Add(since);
        command.Options.Add(results);
        command.Options.Add(grace);
        command.Options.Add(config);
        command.Options.Add(format);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var period = result.GetValue(grace) is { } text ? GraceDuration.Parse(text) : DefaultGrace;
            var wanted = result.GetValue(environments) is { Length: > 0 } named ? named : ["prod"];
            var envs = new HashSet<string>(wanted, StringComparer.OrdinalIgnoreCase);
            var store = ResultStores.Open(result.GetValue(results)!, GateSettings.Load(result.GetValue(config)));
            try
            {
                // The listing runs while the repository is opened and scanned.
                var listing = store.ListAsync(cancellationToken);
                var files = common.WatchedFiles(result);
                HashSet<string>? inRange = null;
                var range = "the whole history";
                var (scan, watched) = await ScanSession.RunAsync(common.SourceOptions(result), files, error, cancellationToken, (update, scan) =>
                {
                    if (result.GetValue(since) is not { Length: > 0 } revision) return;
                    inRange = Range(update.Repository, revision, scan.TipSha);
                    range = $"{revision}..{update.Branch}";
                });
                if (!watched.Any(f => envs.Contains(f.Environment)))
                {
                    throw new PromptWatchException($"No watched file is for environment {string.Join(" or ", wanted)} (known: {string.Join(", ", watched.Select(static f => f.Environment).Distinct())}).");
                }

                var index = await listing;
                var changes = EvaluationGate.Judge(scan.Timeline, index, envs, sha => inRange is null || inRange.Contains(sha), timeProvider.GetUtcNow(), period);
                var json = result.GetValue(common.Json) || result.GetValue(format) == "json";
                if (json)
                {
                    using var buffer = new MemoryStream();
                    GateReport.WriteJson(buffer, changes, range, period);
                    await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else if (result.GetValue(format) == "junit")
                {
                    GateReport.WriteJUnit(output, changes, range, period);
                    await error.WriteLineAsync(GateReport.Summary(changes, range, period));
                }
                else
                {
                    GateReport.WriteText(output, width, changes, range, period);
                }

                return changes.Any(static c => c.Outcome == GateOutcome.Unevaluated) ? Unevaluated : 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static HashSet<string> Range(Repository repository, string revision, string tipSha)
    {
        var start = (repository.Lookup(revision) as Commit ?? (repository.Lookup(revision) as TagAnnotation)?.Target as Commit)
            ?? throw new PromptWatchException($"--since {revision} is not a commit, tag or branch of the repository.");
        var commits = repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = tipSha, ExcludeReachableFrom = start });
        return new HashSet<string>(commits.Select(static c => c.Sha), StringComparer.Ordinal);
    }
}
