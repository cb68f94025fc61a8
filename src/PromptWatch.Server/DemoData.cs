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
        var evaluated = scan.Timeline.Where(static e => e.Kind is ChangeKind.Added or ChangeKind.Changed && e.Environment == "test")
            .Where(_ => index++ % 2 == 0) // Every other change in test has an evaluation run, as a pipeline would leave them.
            .ToList();
        // Scores improve run after run, except the last run of the use case evaluated most often: its faithfulness drops,
        // so the dashboard and the score_regression alert show one regression with no configuration.
        var regressing = evaluated.GroupBy(static e => e.UseCase).OrderByDescending(static g => g.Count()).ThenBy(static g => g.Key, StringComparer.Ordinal).First().Key;
        var runs = new Dictionary<string, int>(StringComparer.Ordinal);
        // The scan is newest first; runs are counted from the oldest.
        foreach (var entry in Enumerable.Reverse(evaluated))
        {
            var run = runs[entry.UseCase!] = runs.GetValueOrDefault(entry.UseCase!) + 1;
            var last = run == evaluated.Count(e => e.UseCase == entry.UseCase);
            var folder = Directory.CreateDirectory(Path.Combine(resultsPath, entry.Commit.Sha));
            var state = entry.State!;
            var score = Math.Min(0.95, 0.70 + (entry.UseCase!.Length % 5 / 100.0) + (run * 0.02));
            var faithfulness = entry.UseCase == regressing && last && run > 1 ? score - 0.16 : score - 0.05;
            var latency = 1400 - (run * 40) + (entry.UseCase.Length * 10);
            File.WriteAllText(Path.Combine(folder.FullName, $"{entry.UseCase}_results.json"), string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"metrics\": {{\"accuracy\": {score:F2}, \"faithfulness\": {faithfulness:F2}, \"latency_ms\": {{\"value\": {latency}, \"direction\": \"lower\"}}}}}}\n"));
            File.WriteAllText(Path.Combine(folder.FullName, $"{entry.UseCase}_results.html"), $"""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(entry.UseCase)} evaluation</title></head>
                <body>
                <h1>Evaluation of {WebUtility.HtmlEncode(entry.UseCase)} at {entry.Commit.ShortSha}</h1>
                <p>Model {WebUtility.HtmlEncode(state.Model)}, temperature {state.Temperature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}.</p>
                <table><tr><th>Metric</th><th>Score</th></tr>
                <tr><td>Accuracy</td><td>{score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}</td></tr>
                <tr><td>Faithfulness</td><td>{faithfulness.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}</td></tr>
                <tr><td>Latency (ms)</td><td>{latency.ToString(System.Globalization.CultureInfo.InvariantCulture)}</td></tr>
                </table>
                </body></html>
                """);
        }
    }
}
