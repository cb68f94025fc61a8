using System.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Repositories;

/// <summary>User information in a repository location is a secret: taken out of everything shown or stored, given to Git only as credentials.</summary>
public sealed class LocationCredentialsTests : IDisposable
{
    private const string Token = "ghp_s3cretToken42";
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "promptwatch-tests", "cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public void A_token_alone_is_taken_out_of_the_url_and_becomes_the_password()
    {
        var location = RemoteLocation.Parse($"https://{Token}@github.com/o/r.git");

        Assert.Equal("https://github.com/o/r.git", location.Url);
        Assert.Equal(new RepositoryCredentials("git", Token), location.EmbeddedCredentials);
    }

    [Fact]
    public void A_token_alone_is_in_neither_the_display_name_nor_the_cache_folder()
    {
        using var source = new RemoteRepositorySource(new RepositorySourceOptions { Location = $"https://{Token}@github.com/o/r.git", CacheDirectory = _cache });

        Assert.Equal("https://github.com/o/r.git", source.DisplayName);
        Assert.DoesNotContain(Token, source.ClonePath, StringComparison.Ordinal);
        Assert.Equal("https://github.com/o/r.git", new WatchedRepositoryOptions { Location = $"https://{Token}@github.com/o/r.git" }.SafeLocation);
    }

    [Fact]
    public void An_ssh_login_name_stays_in_the_url()
    {
        var location = RemoteLocation.Parse("ssh://git@example.com/o/r.git");

        Assert.Equal("ssh://git@example.com/o/r.git", location.Url);
        Assert.Null(location.EmbeddedCredentials);
    }

    [Theory]
    [InlineData("https://u:p#ss@host/r.git", "p#ss")]
    [InlineData("https://u:p/ss@host/r.git", "p/ss")]
    [InlineData("https://u:p?ss@host/r.git", "p?ss")]
    public void An_unparsable_location_with_credentials_is_refused_and_shown_without_them(string url, string password)
    {
        var error = Assert.Throws<PromptWatchException>(() => RepositorySource.Create(new RepositorySourceOptions { Location = url, CacheDirectory = _cache }));
        var shown = new WatchedRepositoryOptions { Location = url }.SafeLocation;

        Assert.Contains("percent-encode the credentials or move them to Username/Password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("u:", error.Message, StringComparison.Ordinal);
        Assert.Equal("https://host/r.git", shown);
    }

    [Fact]
    public async Task A_token_alone_reaches_the_server_as_credentials_and_stays_out_of_the_clones_remote_url()
    {
        var state = Path.Combine(Path.GetTempPath(), "promptwatch-tests", "git-server-" + Guid.NewGuid().ToString("N")[..8]);
        GitServer("start", state);
        try
        {
            var env = File.ReadAllLines(Path.Combine(state, "env")).Select(static l => l.Split('=', 2)).ToDictionary(static p => p[0], static p => p[1]);
            GitServer("add-user", state, "git", Token);
            using var origin = TestRepository.Create();
            origin.WriteFile("chart/values-test.yaml", "prompt: one\n");
            origin.Commit("one", GitSignature.At(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
            origin.Git("clone", "--quiet", "--bare", origin.Path, Path.Combine(env["PROMPTWATCH_TEST_GIT_REPO_ROOT"], "r.git"));
            var url = env["PROMPTWATCH_TEST_GIT_HTTP_URL"];
            var withToken = url.Replace("://", $"://{Token}@", StringComparison.Ordinal) + "/r.git";
            using var source = RepositorySource.Create(new RepositorySourceOptions { Location = withToken, CacheDirectory = _cache });

            var update = await source.UpdateAsync(CancellationToken.None);

            Assert.Equal("main", update.Branch);
            Assert.Equal(url + "/r.git", update.Repository.Config.Get<string>("remote.origin.url").Value);
            Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(((RemoteRepositorySource)source).ClonePath, "config")), StringComparison.Ordinal);
        }
        finally
        {
            GitServer("stop", state);
        }
    }

    private static void GitServer(params string[] arguments)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "PromptWatch.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("PromptWatch.sln was not found above the test folder");
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "git-server.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000)) throw new TimeoutException("git-server.sh did not finish");
        Assert.True(process.ExitCode == 0, $"git-server.sh {arguments[0]} failed: {error.Result}");
    }
}
