using PromptWatch.Tests.Support;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// A scan that finds no change says which files it watched, whether each exists and how many use cases it holds.
/// </summary>
public sealed class WatchedFilesMessageTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TestRepository _origin = TestRepository.Create();

    public WatchedFilesMessageTests()
    {
        // A chart whose values file holds no use case yet.
        _origin.WriteFile("chart/values-test.yaml", "image:\n  tag: \"1.0.0\"\n");
        _origin.Commit("Add the chart", GitSignature.At(Start));
    }

    [Fact]
    public async Task A_scan_without_changes_names_each_watched_file_and_whether_it_exists()
    {
        var result = await CliRunner.RunAsync("scan", _origin.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(
            "No changes found in the watched files: chart/values-test.yaml (test, exists, 0 use cases), chart/values-prod.yaml (prod, missing); name others with --file <path>=<env>.\n",
            result.Output);
    }

    public void Dispose() => _origin.Dispose();
}
