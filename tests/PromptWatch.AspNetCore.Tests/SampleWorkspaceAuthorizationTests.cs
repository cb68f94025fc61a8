using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>With JWT_SECRET_KEY the sample puts workspaces and /health/detailed behind its bearer tokens; probes stay open.</summary>
public sealed class SampleWorkspaceAuthorizationTests : IDisposable
{
    private const string JwtKey = "sample-jwt-key-of-at-least-32-bytes!!";
    private const string Cluster = "apps.example.test";
    private readonly WatchedRepository _repository = new();

    private static Dictionary<string, string> Workspaces(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = Cluster,
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    private static string Token(string subject, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(static r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<(HttpStatusCode Status, string Challenge, string Body)> GetAsync(HttpClient client, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_key_workspaces_and_detailed_health_need_a_token_and_a_token_opens_only_its_own_workspace()
    {
        using var host = new PromptWatchHost(_repository.Path, settings: Workspaces(("JWT_SECRET_KEY", JwtKey)));
        var client = await host.StartAsync();

        var anonymous = await GetAsync(client, $"user1/{Cluster}/api/changes");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.StartsWith("Bearer", anonymous.Challenge, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, $"user1/{Cluster}/")).Status);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"user1/{Cluster}/api/changes", Token("user1"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, $"user2/{Cluster}/api/changes", Token("user1"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"user2/{Cluster}/api/changes", Token("ops", "promptwatch-admin"))).Status);

        // The detailed report names workspace users, repositories and errors: only for a token.
        var details = await GetAsync(client, "health/detailed");
        Assert.Equal(HttpStatusCode.Unauthorized, details.Status);
        Assert.DoesNotContain("user1", details.Body, StringComparison.Ordinal);
        var withToken = await GetAsync(client, "health/detailed", Token("user1"));
        Assert.Equal(HttpStatusCode.OK, withToken.Status);
        Assert.Contains($"promptwatch:workspace:user1/{Cluster}", withToken.Body, StringComparison.Ordinal);
        // Probes stay open.
        foreach (var probe in new[] { "health", "health/live", "health/ready" })
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, (await GetAsync(client, probe)).Status);
        }
    }

    [Fact]
    public async Task Without_a_key_workspaces_are_401_unless_anonymous_access_is_switched_on()
    {
        using (var closed = new PromptWatchHost(_repository.Path, settings: Workspaces()))
        {
            var client = await closed.StartAsync();
            var refused = await GetAsync(client, $"user1/{Cluster}/api/changes");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("Bearer", refused.Challenge);
            Assert.Contains("Sign in to open a workspace", refused.Body, StringComparison.Ordinal);
        }

        using var open = new PromptWatchHost(_repository.Path, settings: Workspaces(("PromptWatch:Workspaces:AllowAnonymous", "true")));
        var anonymous = await open.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(anonymous, $"user1/{Cluster}/api/changes")).Status);
    }

    public void Dispose() => _repository.Dispose();
}
