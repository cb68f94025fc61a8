using System.Net;
using LibGit2Sharp;
using PromptWatch.Demo;
using PromptWatch.Model;
using ChangeKind = PromptWatch.Model.ChangeKind;
using PromptWatch.Scanning;

namespace PromptWatch.Server;

/// <summary>
/// Creates, on first start, a demo repository with a realistic history and a folder of evaluation reports
/// for some of its commits, so the dashboard has something to show with no configuration at all.
/// </summary>
internal static class DemoData
{
    public static (string Repository, string Results) Ensure(string dataDirectory)
    {
        var repository = Path.Combine(dataDirectory, "demo-repository");
        var results = Path.Combine(dataDirectory, "demo-results");
        if (!Repository.IsValid(repository))
        {
            if (Directory.Exists(repository)) Directory.Delete(repository, recursive: true);
            DemoRepository.Create(repository);
            WriteReports(repository, results);
        }

        return (repository, results);
    }

    private static void WriteReports(string repositoryPath, string resultsPath)
    {
        using var repository = new Repository(repositoryPath);
        var scan = new HistoryScanner().Scan(repository, new ScanTarget(repository.Head.FriendlyName, WatchedFile.Defaults));
        var index = 0;
        foreach (var entry in scan.Timeline.Where(static e => e.Kind is ChangeKind.Added or ChangeKind.Changed && e.Environment == "test"))
        {
            // Every other change in test has an evaluation run, as a pipeline would leave them.
            if (index++ % 2 != 0) continue;
            var folder = Directory.CreateDirectory(Path.Combine(resultsPath, entry.Commit.Sha));
            var state = entry.State!;
            var score = 0.70 + ((entry.Commit.Sha[0] + entry.UseCase!.Length) % 25 / 100.0);
            File.WriteAllText(Path.Combine(folder.FullName, $"{entry.UseCase}_results.html"), $"""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(entry.UseCase)} evaluation</title></head>
                <body>
                <h1>Evaluation of {WebUtility.HtmlEncode(entry.UseCase)} at {entry.Commit.ShortSha}</h1>
                <p>Model {WebUtility.HtmlEncode(state.Model)}, temperature {state.Temperature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}.</p>
                <table><tr><th>Metric</th><th>Score</th></tr>
                <tr><td>Accuracy</td><td>{score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}</td></tr>
                <tr><td>Faithfulness</td><td>{(score - 0.05).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}</td></tr>
                </table>
                </body></html>
                """);
        }
    }
}
