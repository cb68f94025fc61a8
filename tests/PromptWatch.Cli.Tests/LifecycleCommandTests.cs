using System.Text.Json;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// <c>drift</c> and <c>compare</c> on the demo repository. The drift is worked out here again from the timeline that
/// <c>scan --json</c> prints, and must match.
/// </summary>
public sealed class LifecycleCommandTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    private static readonly string[] Fields = ["model", "prompt", "enabled", "temperature", "top_k", "top_p", "max_tokens", "extras"];

    [Fact]
    public async Task Drift_matches_the_drift_worked_out_from_the_scanned_timeline()
    {
        var scan = await CliRunner.RunAsync("scan", demo.Path, "--json");
        Assert.Equal(0, scan.ExitCode);
        using var timeline = JsonDocument.Parse(scan.Output);
        var entries = timeline.RootElement.EnumerateArray().Where(static e => e.GetProperty("kind").GetString() != "error").ToList();

        var drift = await CliRunner.RunAsync("drift", demo.Path, "--json");
        Assert.Equal(0, drift.ExitCode);
        using var report = JsonDocument.Parse(drift.Output);
        var useCases = report.RootElement.GetProperty("use_cases").EnumerateArray().ToDictionary(static u => u.GetProperty("usecase").GetString()!);
        var names = entries.Select(static e => e.GetProperty("usecase").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, useCases.Keys.Order(StringComparer.Ordinal));
        // The demo has use cases promoted, pending and lagging.
        Assert.Contains(useCases.Values, static u => u.GetProperty("equal").GetBoolean());
        Assert.Contains(useCases.Values, static u => !u.GetProperty("equal").GetBoolean());

        foreach (var name in names)
        {
            // Newest first, as scan prints them.
            var test = entries.Where(e => e.GetProperty("usecase").GetString() == name && e.GetProperty("environment").GetString() == "test").ToList();
            var prod = entries.Where(e => e.GetProperty("usecase").GetString() == name && e.GetProperty("environment").GetString() == "prod").ToList();
            var testNow = test.Count > 0 && test[0].GetProperty("kind").GetString() != "removed" ? test[0] : (JsonElement?)null;
            var prodNow = prod.Count > 0 && prod[0].GetProperty("kind").GetString() != "removed" ? prod[0] : (JsonElement?)null;
            var equal = (testNow is null && prodNow is null)
                || (testNow is { } t && prodNow is { } p && Fields.All(f => t.GetProperty(f).GetRawText() == p.GetProperty(f).GetRawText()));
            var actual = useCases[name];
            Assert.True(equal == actual.GetProperty("equal").GetBoolean(), $"{name}: equal should be {equal}");
            if (equal)
            {
                Assert.Equal(JsonValueKind.Null, actual.GetProperty("lag").ValueKind);
                continue;
            }

            var testAt = test.Count > 0 ? test[0].GetProperty("commit_date").GetDateTimeOffset() : DateTimeOffset.MinValue;
            var prodAt = prod.Count > 0 ? prod[0].GetProperty("commit_date").GetDateTimeOffset() : DateTimeOffset.MinValue;
            var (behind, since, ahead) = testAt <= prodAt ? ("test", testAt, prod) : ("prod", prodAt, test);
            var newer = ahead.Where(e => e.GetProperty("commit_date").GetDateTimeOffset() > since).ToList();
            var lag = actual.GetProperty("lag");
            Assert.Equal(behind, lag.GetProperty("environment").GetString());
            Assert.Equal(newer.Count, lag.GetProperty("changes").GetInt32());
            Assert.Equal(newer[^1].GetProperty("commit_date").GetDateTimeOffset(), lag.GetProperty("since").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Drift_as_text_has_a_line_per_use_case()
    {
        var result = await CliRunner.RunAsync("drift", demo.Path);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^test vs prod: \d+ equal, \d+ differing$", lines[0]);
        Assert.Equal(7, lines.Length - 1);
        Assert.Contains(lines, static l => l.Contains("behind since", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_lists_changed_fields_and_the_prompt_diff_and_the_same_version_twice_is_no_difference()
    {
        var result = await CliRunner.RunAsync("compare", demo.Path, "summarize", "prod", "test", "--json");
        Assert.Equal(0, result.ExitCode);
        using var comparison = JsonDocument.Parse(result.Output);
        Assert.Equal("prod", comparison.RootElement.GetProperty("from").GetProperty("environment").GetString());
        Assert.Equal("test", comparison.RootElement.GetProperty("to").GetProperty("environment").GetString());

        var same = await CliRunner.RunAsync("compare", demo.Path, "summarize", "test", "test");
        Assert.Equal(0, same.ExitCode);
        Assert.EndsWith("  no difference\n", same.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rewrite", "test", "prod", "promptwatch: Use case 'rewrite' was not found (known: classify, draft-reply, extract, moderate, sentiment, summarize, translate).\n")]
    [InlineData("summarize", "staging", "prod", "promptwatch: 'staging' is neither an environment, env@date nor a commit (full or 7+ hexadecimal characters).\n")]
    [InlineData("summarize", "staging@2026-01-01", "prod", "promptwatch: 'staging' is not an environment (reference 'staging@2026-01-01'). Environments: test, prod.\n")]
    public async Task Compare_refuses_what_it_cannot_find_in_one_line(string useCase, string from, string to, string expected)
    {
        var result = await CliRunner.RunAsync("compare", demo.Path, useCase, from, to);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public async Task Drift_refuses_a_pair_it_cannot_compare()
    {
        var result = await CliRunner.RunAsync("drift", demo.Path, "--pair", "test,staging");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("promptwatch: No watched file is for environment 'staging' (known: test, prod).\n", result.Error);
    }
}
