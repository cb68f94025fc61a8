using System.Text.Json;
using PromptWatch.Tests.Support;

namespace PromptWatch.Cli.Tests;

/// <summary>Repository text with terminal escapes is printed with them made visible, never sent to the terminal.</summary>
public sealed class ControlCharacterTests : IDisposable
{
    private const string Message = "summarize: \u001b[2Jcleared\u001b]0;owned\u0007 title\u009b31m";
    private const string Author = "Eve \u001b[8mhidden";
    private readonly TestRepository _repository = TestRepository.Create();

    public ControlCharacterTests()
    {
        var when = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        _repository.WriteFile("values.yaml", "summarize:\n  enabled: true\n  model: gpt-4o-mini\n  prompt: |\n    Summarize the text.\n");
        _repository.Commit("summarize: first", GitSignature.At(when));
        _repository.WriteFile("values.yaml", "summarize:\n  enabled: true\n  model: \"gpt\\e[31m-4.1\"\n  prompt: |\n    Summarize the text.\n    Then \u001b[5mblink.\n");
        _repository.Commit(Message + "\n\nbody", new GitSignature(Author, "eve\u001b[0m@example.com", when.AddHours(1)));
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("history")]
    public async Task Text_output_shows_control_characters_as_visible_escapes(string command)
    {
        var result = await CliRunner.RunAsync(command == "scan" ? ["scan", _repository.Path, "--file", "values.yaml=test"] : ["history", _repository.Path, "summarize", "--file", "values.yaml=test"]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.Output, static c => char.IsControl(c) && c != '\n');
        Assert.Contains(@"summarize: \x1b[2Jcleared\x1b]0;owned\x07", result.Output, StringComparison.Ordinal);
        Assert.Contains(@"Eve \x1b[8mhidden", result.Output, StringComparison.Ordinal);
        Assert.Contains(@"gpt\x1b[31m-4.1", result.Output, StringComparison.Ordinal);
        if (command == "history")
        {
            Assert.Contains(@"summarize: \x1b[2Jcleared\x1b]0;owned\x07 title\x9b31m", result.Output, StringComparison.Ordinal);
            Assert.Contains(@"<eve\x1b[0m@example.com>", result.Output, StringComparison.Ordinal);
            Assert.Contains(@"| + Then \x1b[5mblink.", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_output_keeps_the_text_exactly()
    {
        var result = await CliRunner.RunAsync("scan", _repository.Path, "--file", "values.yaml=test", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var latest = json.RootElement[0];
        Assert.Equal(Message + "\n\nbody", latest.GetProperty("commit_message").GetString());
        Assert.Equal(Author, latest.GetProperty("commit_author_name").GetString());
        Assert.Equal("gpt\u001b[31m-4.1", latest.GetProperty("model").GetString());
    }

    public void Dispose() => _repository.Dispose();
}
