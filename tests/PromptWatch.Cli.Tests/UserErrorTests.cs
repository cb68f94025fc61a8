namespace PromptWatch.Cli.Tests;

/// <summary>User errors print one clear line on standard error and exit 1, without a stack trace.</summary>
[Collection(PasswordVariableTests.Name)]
public sealed class UserErrorTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task Missing_path()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("nothing-here");

        await AssertOneLineError(await CliRunner.RunAsync("scan", missing), $"'{missing}' does not exist.");
    }

    [Fact]
    public async Task Folder_that_is_not_a_repository()
    {
        using var temp = new TempFolder();

        await AssertOneLineError(await CliRunner.RunAsync("scan", temp.Path), "is not a Git repository.");
    }

    [Fact]
    public async Task Repository_without_the_watched_files()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path, "--file", "helm/values.yaml=prod");

        await AssertOneLineError(result, "None of the watched files (helm/values.yaml) exist");
    }

    [Fact]
    public async Task Unknown_branch()
    {
        await AssertOneLineError(await CliRunner.RunAsync("scan", demo.Path, "--branch", "release-9"), "Branch 'release-9' was not found");
    }

    [Fact]
    public async Task Unknown_branch_of_a_remote()
    {
        using var cache = new TempFolder();
        var result = await CliRunner.RunAsync("scan", new Uri(demo.Path).AbsoluteUri, "--branch", "release-9", "--cache-dir", cache.Path);

        await AssertOneLineError(result, "Branch 'release-9' was not found in file://");
    }

    [Fact]
    public async Task Malformed_watched_file()
    {
        await AssertOneLineError(await CliRunner.RunAsync("scan", demo.Path, "--file", "values.yaml"), "--file 'values.yaml' is not of the form <path>=<environment>");
    }

    [Fact]
    public async Task Missing_remote_repository()
    {
        using var cache = new TempFolder();
        var result = await CliRunner.RunAsync("scan", new Uri(cache.Combine("missing.git")).AbsoluteUri, "--cache-dir", cache.Path);

        await AssertOneLineError(result, "the repository was not found");
    }

    [Fact]
    public async Task Unreachable_server_does_not_reveal_credentials_from_the_url()
    {
        using var cache = new TempFolder();
        var result = await CliRunner.RunAsync("scan", "http://deploy-bot:hunter2-secret@127.0.0.1:9/team/app.git", "--cache-dir", cache.Path);

        await AssertOneLineError(result, "Could not clone http://127.0.0.1:9/team/app.git: the server could not be reached");
        Assert.DoesNotContain("hunter2", result.Error + result.Output);
        Assert.DoesNotContain("deploy-bot", result.Error + result.Output);
    }

    [Fact]
    public async Task Username_without_a_password_variable()
    {
        var result = await CliRunner.RunAsync("scan", "http://127.0.0.1:9/team/app.git", "--username", "deploy-bot");

        await AssertOneLineError(result, "--username needs the password or token in the PROMPTWATCH_GIT_PASSWORD environment variable.");
    }

    [Fact]
    public async Task Demo_refuses_a_folder_that_is_not_empty()
    {
        await AssertOneLineError(await CliRunner.RunAsync("demo", demo.Path), "exists and is not empty");
    }

    private static Task AssertOneLineError(CliResult result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains(expected, result.Error);
        Assert.StartsWith("promptwatch: ", result.Error);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        return Task.CompletedTask;
    }
}
