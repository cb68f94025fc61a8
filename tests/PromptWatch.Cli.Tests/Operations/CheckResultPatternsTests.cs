using System.Text.Json;
using PromptWatch.Tests.Support;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary>
/// <c>check --config</c> reads the results with the server's <c>PromptWatch:ResultPatterns</c>: on a generated repository
/// with reports in a layout of its own (<c>&lt;commit&gt;/report-&lt;usecase&gt;.html</c>), the change with a report is
/// evaluated with the pattern and not without it (the default layout takes that file for a benchmark).
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class CheckResultPatternsTests : IDisposable
{
    private const string Pattern = @"^(?<commit>[0-9a-f]{7,40})/report-(?<usecase>[^/]+)\.html$";
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly TempFolder _folder = new();
    private readonly string _evaluated;
    private readonly string _unevaluated;

    public CheckResultPatternsTests()
    {
        var now = DateTimeOffset.UtcNow;
        _repository.WriteFile("chart/values-prod.yaml", "summarize:\n  model: gpt-4o\n  prompt: Summarize.\n");
        _evaluated = _repository.Commit("Add summarize", GitSignature.At(now.AddDays(-3)));
        _repository.WriteFile("chart/values-prod.yaml", "summarize:\n  model: gpt-4o-mini\n  prompt: Summarize.\n");
        _unevaluated = _repository.Commit("Cheaper summaries", GitSignature.At(now.AddDays(-2)));
        var report = _folder.Combine("results", _evaluated[..7], "report-summarize.html");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.WriteAllText(report, "<p>evaluation</p>");
    }

    [Fact]
    public async Task A_custom_result_pattern_from_the_settings_file_makes_its_report_count()
    {
        var config = _folder.Combine("settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            PromptWatch = new { ResultPatterns = new[] { new { Pattern, Kind = "Evaluation", DisplayName = "Report: {usecase}" } } },
        }));

        var patterned = await CliRunner.RunAsync("check", _repository.Path, "--results", _folder.Combine("results"), "--config", config, "--json");
        Assert.True(patterned.ExitCode == 3, patterned.Error);
        Assert.Equal([(_unevaluated, "unevaluated"), (_evaluated, "evaluated")], Statuses(patterned.Output));
        using (var document = JsonDocument.Parse(patterned.Output))
        {
            var evaluated = document.RootElement.GetProperty("changes").EnumerateArray().Single(static c => c.GetProperty("status").GetString() == "evaluated");
            Assert.Contains($"{_evaluated[..7]}/report-summarize.html", evaluated.GetProperty("reports").ToString(), StringComparison.Ordinal);
        }

        var defaults = await CliRunner.RunAsync("check", _repository.Path, "--results", _folder.Combine("results"), "--json");
        Assert.True(defaults.ExitCode == 3, defaults.Error);
        Assert.Equal([(_unevaluated, "unevaluated"), (_evaluated, "unevaluated")], Statuses(defaults.Output));
    }

    [Fact]
    public async Task A_pattern_the_server_would_refuse_is_one_line_naming_its_key()
    {
        var config = _folder.Combine("bad.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { PromptWatch = new { ResultPatterns = new[] { new { Pattern = "^(?<usecase>[^/]+)\\.html$" } } } }));

        var result = await CliRunner.RunAsync("check", _repository.Path, "--results", _folder.Combine("results"), "--config", config);

        Assert.Equal(PromptWatchCli.UserError, result.ExitCode);
        Assert.StartsWith("promptwatch: PromptWatch:ResultPatterns:0: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));

        var missing = await CliRunner.RunAsync("check", _repository.Path, "--results", _folder.Combine("results"), "--config", _folder.Combine("none.json"));
        Assert.Equal(PromptWatchCli.UserError, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
    }

    private static List<(string, string)> Statuses(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("changes").EnumerateArray().Select(static c => (c.GetProperty("commit_sha").GetString()!, c.GetProperty("status").GetString()!))];
    }

    public void Dispose()
    {
        _repository.Dispose();
        _folder.Dispose();
    }
}
