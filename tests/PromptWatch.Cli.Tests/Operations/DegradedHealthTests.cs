namespace PromptWatch.Cli.Tests.Operations;

/// <summary><c>health</c> of a host whose configuration check is Degraded (a repository, no result store): exit code 1.</summary>
public sealed class DegradedHealthTests(DegradedServerHostFixture host) : IClassFixture<DegradedServerHostFixture>
{
    [Fact]
    public async Task A_degraded_host_exits_with_1_and_the_detailed_table_says_which_check()
    {
        var result = await OperationsCommandTests.EventuallyAsync(() => CliRunner.RunAsync("health", "--url", host.Url, "--detailed"), static r => r.ExitCode == 1);
        Assert.StartsWith("Degraded (http://127.0.0.1:", result.Output, StringComparison.Ordinal);
        var configuration = result.Output.Split('\n').Single(static l => l.StartsWith("| configuration ", StringComparison.Ordinal));
        Assert.Contains("Degraded", configuration, StringComparison.Ordinal);

        var overall = await CliRunner.RunAsync("health", "--url", host.Url);
        Assert.Equal(1, overall.ExitCode);
        Assert.StartsWith("Degraded", overall.Output, StringComparison.Ordinal);
    }
}
