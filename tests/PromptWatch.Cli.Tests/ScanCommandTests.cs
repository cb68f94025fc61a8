using System.Text.Json;

namespace PromptWatch.Cli.Tests;

public sealed class ScanCommandTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    private static readonly string[] ReplacedToolFields =
    [
        "environment", "usecase", "model", "prompt", "enabled", "temperature", "top_k", "top_p", "max_tokens",
        "commit_hash", "commit_date", "commit_message", "commit_author_name", "commit_author_email", "file_path",
    ];

    private static readonly string[] NewFields =
    [
        "commit_sha", "kind", "changed_fields", "previous_commit_sha", "extras", "is_latest", "diff",
    ];

    [Fact]
    public async Task Json_lists_every_change_newest_first_with_the_documented_fields()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(73, entries.Count);
        foreach (var entry in entries)
        {
            foreach (var field in ReplacedToolFields.Concat(NewFields)) Assert.True(entry.TryGetProperty(field, out _), $"missing {field}");
            var sha = entry.GetProperty("commit_sha").GetString()!;
            Assert.Equal(40, sha.Length);
            Assert.Equal(sha[..7], entry.GetProperty("commit_hash").GetString());
        }

        var dates = entries.Select(e => DateTimeOffset.Parse(e.GetProperty("commit_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d).ToList(), dates);
        Assert.Equal("2026-06-30T15:00:00+02:00", entries[0].GetProperty("commit_date").GetString());
        Assert.Equal("2026-04-01T14:10:00+02:00", entries[^1].GetProperty("commit_date").GetString());

        var newest = entries[0];
        Assert.Equal("prod", newest.GetProperty("environment").GetString());
        Assert.Equal("summarize", newest.GetProperty("usecase").GetString());
        Assert.Equal("changed", newest.GetProperty("kind").GetString());
        Assert.Equal(40, newest.GetProperty("top_k").GetInt32());
        Assert.Equal(["top_k"], newest.GetProperty("changed_fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("50", newest.GetProperty("previous_values").GetProperty("top_k").GetString());
        Assert.True(newest.GetProperty("is_latest").GetBoolean());
        Assert.All(newest.GetProperty("diff").EnumerateArray(), row => Assert.Equal("unchanged", row.GetProperty("kind").GetString()));

        var promotion = Assert.Single(entries, e => e.GetProperty("environment").GetString() == "prod"
            && e.GetProperty("commit_message").GetString() == "Promote the summarize editor prompt to prod\n\nProd keeps a slightly lower temperature than test.");
        Assert.Equal(0.4, promotion.GetProperty("temperature").GetDouble());
        Assert.Equal(["prompt", "temperature", "top_p", "max_tokens"], promotion.GetProperty("changed_fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("0.5", promotion.GetProperty("previous_values").GetProperty("temperature").GetString());
        Assert.Equal(["modified", "modified", "inserted", "inserted", "inserted", "unchanged"], promotion.GetProperty("diff").EnumerateArray().Select(row => row.GetProperty("kind").GetString()));
        Assert.Contains(promotion.GetProperty("diff").EnumerateArray(), row => row.GetProperty("kind").GetString() == "modified"
            && row.GetProperty("new_text").GetString() == "You are a careful support editor.");

        var translate = entries.First(e => e.GetProperty("environment").GetString() == "prod" && e.GetProperty("usecase").GetString() == "translate");
        Assert.False(translate.GetProperty("enabled").GetBoolean());
        Assert.True(translate.GetProperty("is_latest").GetBoolean());
        Assert.Equal("azure", translate.GetProperty("extras").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Exactly_one_entry_per_environment_and_use_case_is_latest()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path, "--json");

        using var json = JsonDocument.Parse(result.Output);
        var latest = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("is_latest").GetBoolean())
            .Select(e => (e.GetProperty("environment").GetString(), e.GetProperty("usecase").GetString()))
            .ToList();
        Assert.Equal(12, latest.Count);
        Assert.Equal(latest.Distinct().Count(), latest.Count);
    }

    [Fact]
    public async Task Table_shows_changes_with_parameter_moves()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("DATE", lines[0]);
        Assert.Equal("73 changes", lines[^1]);
        Assert.Equal(75, lines.Length);
        Assert.Contains(lines, l => l.Contains("temperature 0.7→0.5") && l.Contains("summarize: lower temperature"));
        Assert.Contains(lines, l => l.Contains("enabled true→false") && l.Contains("extract"));
        Assert.Contains(lines, l => l.Contains("summarize") && l.Contains("model gpt-4o-mini→gpt-4.1-mini"));
        Assert.Contains(lines, l => l.Contains("extras.provider -→azure") && l.Contains("translate"));
        Assert.Contains(lines, l => l.Contains("sentiment") && l.Contains("removed") && l.Contains("Fold sentiment into classify"));
    }

    [Fact]
    public async Task A_file_url_is_cloned_into_the_cache_and_scanned()
    {
        using var cache = new TempFolder();

        var result = await CliRunner.RunAsync("scan", new Uri(demo.Path).AbsoluteUri, "--json", "--cache-dir", cache.Path);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(73, json.RootElement.GetArrayLength());
        Assert.Single(Directory.GetDirectories(cache.Path));
    }

    [Fact]
    public async Task Watched_files_can_be_named()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path, "--json", "--file", "chart/values-prod.yaml=production");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal("production", e.GetProperty("environment").GetString()));
        Assert.Equal(19, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal("chart/values-prod.yaml", e.GetProperty("file_path").GetString()));
    }
}
