using System.Net;
using System.Text;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Cli.Tests;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>Credentials written into a repository location reach Git as credentials and nothing else.</summary>
public sealed class LocationCredentialsTests : IDisposable
{
    private const string Token = "ghp_l0cationToken99";
    private readonly WatchedRepository _repository = new();

    [Fact]
    public async Task A_token_in_the_location_is_sent_as_credentials_and_never_shown()
    {
        using var server = new RefusingHttpServer();
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Location"] = $"http://{Token}@127.0.0.1:{server.Port}/team/service.git",
        });
        using var client = host.CreateClient();

        using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        var bodies = new List<string>
        {
            await refresh.Content.ReadAsStringAsync(),
            await client.GetStringAsync(new Uri("api/repositories", UriKind.Relative)),
            await (await client.GetAsync(new Uri("health/detailed", UriKind.Relative))).Content.ReadAsStringAsync(),
        };

        Assert.Equal(HttpStatusCode.BadGateway, refresh.StatusCode);
        Assert.Contains(bodies, b => b.Contains($"http://127.0.0.1:{server.Port}/team/service.git", StringComparison.Ordinal));
        Assert.All(bodies, static b => Assert.DoesNotContain(Token, b, StringComparison.Ordinal));
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("git:" + Token)), server.Authorizations);
    }

    [Fact]
    public void A_location_whose_credentials_make_it_unparsable_stops_the_host_without_repeating_them()
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Location"] = "https://u:p#ss@git.example.com/team/service.git",
        });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("PromptWatch:Repositories:0:Location", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p#ss", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("git.example.com", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();
}
