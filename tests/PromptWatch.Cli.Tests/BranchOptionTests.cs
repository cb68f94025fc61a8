using PromptWatch.Tests.Support;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// <c>--branch</c> takes a branch that a clone has only as a remote-tracking branch, as <c>git checkout</c> does, and
/// asks which one was meant when several remotes have it.
/// </summary>
public sealed class BranchOptionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TestRepository _origin = TestRepository.Create();

    public BranchOptionTests()
    {
        _origin.WriteFile("chart/values-test.yaml", "image:\n  tag: \"1.0.0\"\n");
        _origin.Commit("Add the chart", GitSignature.At(Start));
    }

    [Fact]
    public async Task A_branch_only_the_remote_has_is_scanned_from_its_remote_tracking_branch()
    {
        _origin.Git("checkout", "--quiet", "-b", "guardrails");
        _origin.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4.1-mini\n  prompt: Summarize.\n");
        _origin.Commit("Add summarize", GitSignature.At(Start.AddHours(1)));
        _origin.Git("checkout", "--quiet", "main");
        using var clone = TestRepository.Create();
        clone.Git("remote", "add", "origin", _origin.Path);
        clone.Git("fetch", "--quiet", "origin");
        clone.Git("checkout", "--quiet", "-b", "main", "origin/main");

        var result = await CliRunner.RunAsync("history", clone.Path, "summarize", "--branch", "guardrails", "--json");

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gpt-4.1-mini", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_branch_two_remotes_have_asks_which_one_was_meant()
    {
        using var clone = TestRepository.Create();
        _origin.Git("branch", "guardrails");
        foreach (var remote in new[] { "origin", "upstream" })
        {
            clone.Git("remote", "add", remote, _origin.Path);
            clone.Git("fetch", "--quiet", remote);
        }

        clone.Git("checkout", "--quiet", "-b", "main", "origin/main");

        var result = await CliRunner.RunAsync("scan", clone.Path, "--branch", "guardrails");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"promptwatch: Branch 'guardrails' was not found in {clone.Path}; did you mean origin/guardrails or upstream/guardrails?\n", result.Error);
    }

    public void Dispose() => _origin.Dispose();
}
