namespace PromptWatch.Cli.Tests;

public sealed class HistoryCommandTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task Shows_one_use_case_newest_first_with_prompt_diffs_and_parameter_changes()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "test");

        Assert.Equal(0, result.ExitCode);
        var blocks = result.Output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, blocks.Length);
        Assert.Contains("test/summarize  changed  (latest)", blocks[0]);
        Assert.Contains("Ada Example <ada@example.com>: summarize: top_k back to 40", blocks[0]);
        Assert.Contains("top_k: 50 -> 40", blocks[0]);
        Assert.DoesNotContain("| ", blocks[0]);
        Assert.Single(blocks, b => b.Contains("model: gpt-4o-mini -> gpt-4.1-mini"));
        var editor = Assert.Single(blocks, b => b.Contains("summarize: editor persona and bullet points"));
        Assert.Contains("| - Summarize the following support conversation in three sentences.", editor);
        Assert.Contains("| + You are a careful support editor.", editor);
        Assert.Contains("| + - what is still open.", editor);
        Assert.Contains("max_tokens: 512 -> 384", editor);
        Assert.Contains("temperature: 0.7 -> 0.5", blocks[^3]);
        Assert.Contains("| + Keep names, order numbers and amounts exactly as written.", blocks[^2]);
        Assert.Contains("test/summarize  added", blocks[^1]);
        Assert.DoesNotContain("prod/", result.Output);
    }

    [Fact]
    public async Task Unknown_use_case_names_the_known_ones()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "rewrite");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("promptwatch: Use case 'rewrite' was not found (known: classify, draft-reply, extract, moderate, sentiment, summarize, translate).\n", result.Error);
    }

    [Fact]
    public async Task Unknown_environment_is_a_user_error()
    {
        var result = await CliRunner.RunAsync("history", demo.Path, "summarize", "--env", "staging");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No watched file is for environment 'staging'", result.Error);
    }
}
