using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// Prism serving GitHub's OpenAPI description: the one build.sh started (<c>GITHUB_MOCK_URL</c>), or one of this test
/// run's own started with <c>scripts/github-mock.sh</c>. Shared by the tests of the <see cref="GitHubMockGroup"/>.
/// </summary>
public sealed class GitHubMock : IAsyncLifetime
{
    private OwnService? _own;

    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("GITHUB_MOCK_URL") is { Length: > 0 } url)
        {
            Url = new Uri(url.TrimEnd('/') + "/");
            return;
        }

        _own = await OwnService.StartAsync("github-mock");
        Url = new Uri(_own.Settings["GITHUB_MOCK_URL"].TrimEnd('/') + "/");
    }

    public Task DisposeAsync()
    {
        _own?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GitHubMockGroup : ICollectionFixture<GitHubMock>
{
    public const string Name = "github-mock";
}
