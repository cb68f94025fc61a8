using System.CommandLine;
using PromptWatch.Cli.Output;
using PromptWatch.Lifecycle;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Commands;

/// <summary><c>promptwatch compare &lt;path-or-url&gt; &lt;usecase&gt; &lt;from&gt; &lt;to&gt;</c>: two versions of a use case.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var useCase = new Argument<string>("usecase") { Description = "The use case (top-level key of the values file)." };
        var from = new Argument<string>("from") { Description = "An environment (its current version), env@date (yyyy-MM-dd), a commit that changed the use case (7+ characters) or env@commit." };
        var to = new Argument<string>("to") { Description = "The second version, in the same forms." };
        var command = new Command("compare", "Print what differs between two versions of a use case: each changed field, and the prompt's diff.");
        common.AddTo(command);
        command.Arguments.Add(useCase);
        command.Arguments.Add(from);
        command.Arguments.Add(to);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var (scan, watched) = await ScanSession.RunAsync(common.SourceOptions(result), common.WatchedFiles(result), error, cancellationToken);
            var name = result.GetValue(useCase)!;
            var timeline = LifecycleScan.Timeline(scan);
            if (!timeline.Any(e => e.Change.UseCase == name))
            {
                var known = timeline.Select(static e => e.Change.UseCase).OfType<string>().Distinct().Order(StringComparer.Ordinal);
                throw new PromptWatchException($"Use case '{name}' was not found (known: {string.Join(", ", known)}).");
            }

            var environments = LifecycleScan.Environments(watched);
            var versions = new[] { result.GetValue(from)!, result.GetValue(to)! }.Select(reference =>
            {
                var lookup = VersionComparison.Resolve(LifecycleScan.Repository, timeline, name, [.. environments], reference);
                return lookup.Version ?? throw new PromptWatchException(lookup.Problem!);
            }).ToList();
            var difference = VersionComparison.Compare(versions[0], versions[1]);
            if (result.GetValue(common.Json))
            {
                await TimelineJson.WriteAsync(output, writer => ComparisonJson.Write(writer, LifecycleScan.Repository, name, versions[0], versions[1], difference), cancellationToken);
            }
            else
            {
                await output.WriteAsync(ComparisonText.Render(name, versions[0], versions[1], difference));
            }

            return 0;
        }));
        return command;
    }
}
