using System.CommandLine;
using PromptWatch.Cli.Output;
using PromptWatch.Model;

namespace PromptWatch.Cli.Commands;

/// <summary><c>promptwatch history &lt;path-or-url&gt; &lt;usecase&gt;</c>: one use case's versions with prompt diffs.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var useCase = new Argument<string>("usecase") { Description = "The use case (top-level key of the values file)." };
        var environment = new Option<string?>("--env", "-e") { Description = "Only this environment (for example prod)." };
        var command = new Command("history", "Print one use case's versions, newest first, with prompt diffs.");
        common.AddTo(command);
        command.Arguments.Add(useCase);
        command.Options.Add(environment);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var files = common.WatchedFiles(result);
            var name = result.GetValue(useCase)!;
            var env = result.GetValue(environment);
            // Patterns take their environments from the files they match, known only once the repository is open.
            if (!files.Any(static f => WatchedFileGlobs.IsPattern(f.Path))) CheckEnvironment(files, env);
            var (scan, watched) = await ScanSession.RunAsync(common.SourceOptions(result), files, error, cancellationToken);
            CheckEnvironment(watched, env);
            var versions = scan.Timeline.Where(e => e.UseCase == name && (env is null || e.Environment == env)).ToList();
            if (versions.Count == 0)
            {
                var known = scan.Entries.Select(static e => e.UseCase).OfType<string>().Distinct().Order(StringComparer.Ordinal);
                throw new PromptWatchException($"Use case '{name}' was not found{(env is null ? "" : " in " + env)} (known: {string.Join(", ", known)}).");
            }

            if (result.GetValue(common.Json)) await TimelineJson.WriteAsync(output, versions, cancellationToken);
            else await output.WriteAsync(HistoryText.Render(versions));
            return 0;
        }));
        return command;
    }

    private static void CheckEnvironment(IReadOnlyList<WatchedFile> files, string? env)
    {
        if (env is not null && !files.Any(f => f.Environment == env))
        {
            throw new PromptWatchException($"No watched file is for environment '{env}' (known: {string.Join(", ", files.Select(static f => f.Environment).Distinct())}).");
        }
    }
}
