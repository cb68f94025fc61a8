namespace PromptWatch.Cli.Tests;

public sealed class HistoryCommandTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task Shows_one_use_case_newest_first_with_prompt_diffs_and_parameter_changes()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "test");

        Assert.Equal(0, result.ExitCode);
        var blocks = result.Output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, blocks.Length);
        Assert.Contains("test/summarize  changed  (latest)", blocks[0]);
        Assert.Contains("| + You are a careful editor.", blocks[0]);
        Assert.Contains("max_tokens: 512 -> 384", blocks[0]);
        Assert.Contains("temperature: 0.7 -> 0.5", blocks[1]);
        Assert.Contains("| + Keep names and numbers exact.", blocks[2]);
        Assert.Contains("test/summarize  added", blocks[3]);
        Assert.DoesNotContain("prod/", result.Output);
    }

    [Fact]
    public async Task Unknown_use_case_names_the_known_ones()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "translate");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("promptwatch: Use case 'translate' was not found (known: classify, extract, summarize).\n", result.Error);
    }

    [Fact]
    public async Task Unknown_environment_is_a_user_error()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "staging");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No watched file is for environment 'staging'", result.Error);
    }
}
