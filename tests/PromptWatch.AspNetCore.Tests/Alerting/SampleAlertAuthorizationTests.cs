using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using static PromptWatch.AspNetCore.Tests.Alerting.AlertApi;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// With <c>JWT_SECRET_KEY</c> the sample puts the alert routes behind its bearer tokens, as it does <c>/admin</c>; the
/// token's user is who acknowledges. Without authentication the routes are open and the user is <c>anonymous</c>.
/// </summary>
public sealed class SampleAlertAuthorizationTests : IDisposable
{
    private const string JwtKey = "an-alerting-test-key-of-at-least-32-bytes";
    private readonly WatchedRepository _repository = new();

    public SampleAlertAuthorizationTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task Without_a_token_every_alert_route_is_401_and_with_one_the_token_user_acknowledges()
    {
        using var host = Host(_repository.Path, new() { ["JWT_SECRET_KEY"] = JwtKey });
        using var anonymous = host.CreateClient();
        foreach (var (method, path) in new[] { (HttpMethod.Get, "api/alerts"), (HttpMethod.Post, "api/alerts/x/acknowledge"), (HttpMethod.Get, "api/alerts/silences"), (HttpMethod.Get, "api/v1/notifications/rules"), (HttpMethod.Get, "api/v1/notifications/settings"), (HttpMethod.Post, "api/v1/notifications/test/log") })
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        }

        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice"));
        await CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure);
        var id = (await FireAsync(host, client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString();

        var (status, acknowledged) = await PostAsync(client, $"api/alerts/{id}/acknowledge", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice", acknowledged.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
    }

    private static string Token(string user) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", user)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtKey)), SecurityAlgorithms.HmacSha256),
    });

    public void Dispose() => _repository.Dispose();
}
