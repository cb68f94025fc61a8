using System.Text.Json;

namespace PromptWatch.Cli.Tests;

/// <summary><c>--file</c> takes globs: every matching file at the branch tip, with the given environment or one from its name.</summary>
public sealed class FileGlobTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task A_glob_with_a_star_environment_watches_each_file_under_the_name_its_star_matched()
    {
        var explicitFiles = await CliRunner.RunAsync("scan", demo.Path, "--json", "--file", "chart/values-test.yaml=test", "--file", "chart/values-prod.yaml=prod");
        var glob = await CliRunner.RunAsync("scan", demo.Path, "--json", "--file", "chart/values-*.yaml=*");

        Assert.Equal(0, glob.ExitCode);
        Assert.Equal("", glob.Error);
        Assert.Equal(explicitFiles.Output, glob.Output);
        using var json = JsonDocument.Parse(glob.Output);
        Assert.Equal(["prod", "test"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("environment").GetString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_glob_with_an_environment_and_a_double_star_watches_the_matches_as_that_environment()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "summarize", "--json", "--file", "**/values-prod.y?ml=production");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.NotEmpty(json.RootElement.EnumerateArray());
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal("production", e.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task The_environment_of_a_star_is_checked_against_the_files_it_matched()
    {
        var known = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "prod", "--file", "chart/values-*.yaml=*");
        var unknown = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "staging", "--file", "chart/values-*.yaml=*");

        Assert.Equal(0, known.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("promptwatch: No watched file is for environment 'staging' (known: prod, test).\n", unknown.Error);
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_is_a_user_error()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path, "--file", "config/*.yaml=prod");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("promptwatch: --file config/*.yaml matches no file on main.\n", result.Error);
    }
}
