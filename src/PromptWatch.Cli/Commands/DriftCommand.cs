using System.CommandLine;
using PromptWatch.Cli.Output;
using PromptWatch.Lifecycle;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Commands;

/// <summary><c>promptwatch drift &lt;path-or-url&gt; [--pair test,prod]</c>: what differs between two environments now.</summary>
internal static class DriftCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var pair = new Option<string?>("--pair") { Description = "The two environments to compare, as test,prod (default: the first two watched files' environments)." };
        var command = new Command("drift", "Print what differs between two environments now, per use case: the fields, and how many changes the older side lags.");
        common.AddTo(command);
        command.Options.Add(pair);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var (scan, watched) = await ScanSession.RunAsync(common.SourceOptions(result), common.WatchedFiles(result), error, cancellationToken);
            var environments = LifecycleScan.Environments(watched);
            var (left, right) = Pair(result.GetValue(pair), environments);
            var report = DriftAnalysis.Compute(LifecycleScan.Repository, LifecycleScan.Timeline(scan), left, right);
            if (result.GetValue(common.Json)) await TimelineJson.WriteAsync(output, writer => DriftJson.Write(writer, report, environments), cancellationToken);
            else await output.WriteAsync(DriftText.Render(report));
            return 0;
        }));
        return command;
    }

    private static (string Left, string Right) Pair(string? pair, IReadOnlyList<string> environments)
    {
        if (pair is null)
        {
            if (environments.Count < 2) throw new PromptWatchException($"Only one environment is watched ({environments[0]}): watch two files with --file <path>=<env>.");
            return (environments[0], environments[1]);
        }

        var names = pair.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length != 2 || names[0].Length == 0 || names[1].Length == 0 || names[0] == names[1])
        {
            throw new PromptWatchException($"--pair must name two different environments, as test,prod; not '{pair}'.");
        }

        foreach (var name in names)
        {
            if (!environments.Contains(name, StringComparer.Ordinal)) throw new PromptWatchException($"No watched file is for environment '{name}' (known: {string.Join(", ", environments)}).");
        }

        return (names[0], names[1]);
    }
}
