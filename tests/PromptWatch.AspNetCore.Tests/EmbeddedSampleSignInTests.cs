extern alias embedded;

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The embedded sample for a person with a browser: the service's own sign-in page takes the API key and a cookie
/// keeps them signed in; API clients are told the scheme; with no configuration it watches its own demo repository.
/// </summary>
public sealed partial class EmbeddedSampleSignInTests : IDisposable
{
    private const string Key = "orders-test-key-7f3a";

    private readonly WatchedRepository _repository = new();

    public EmbeddedSampleSignInTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the order.");

    [Fact]
    public async Task A_browser_is_sent_to_the_sign_in_page_and_an_api_client_gets_401_with_www_authenticate()
    {
        await using var host = new Host(_repository.Path);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await GetAsync(client, "/promptwatch/?env=prod", html: true);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fpromptwatch%2F%3Fenv%3Dprod", page.Headers.Location?.OriginalString);

        using var api = await GetAsync(client, "/promptwatch/api/changes", html: false);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", string.Join(", ", api.Headers.WwwAuthenticate));
    }

    [Fact]
    public async Task Signing_in_with_the_key_opens_the_dashboard_and_its_api_with_the_cookie_and_a_wrong_key_does_not()
    {
        await using var host = new Host(_repository.Path);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using (var wrong = await SignInAsync(client, "wrong-key", "/promptwatch/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("The API key is not valid.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var still = await GetAsync(client, "/promptwatch/", html: true)) Assert.Equal(HttpStatusCode.Redirect, still.StatusCode);

        using (var signedIn = await SignInAsync(client, Key, "/promptwatch/?env=prod"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/promptwatch/?env=prod", signedIn.Headers.Location?.OriginalString);
        }

        using (var page = await GetAsync(client, "/promptwatch/", html: true))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        using var refresh = await client.PostAsync(new Uri("/promptwatch/api/refresh", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var changes = await GetAsync(client, "/promptwatch/api/changes", html: false);
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        // A wrong key in the header is judged by the key, whatever cookie comes with it.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/promptwatch/api/changes", UriKind.Relative));
        request.Headers.Add("X-Api-Key", "wrong-key");
        using var withWrongKey = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
    }

    [Fact]
    public async Task After_sign_in_only_a_page_of_this_service_is_a_return_address()
    {
        await using var host = new Host(_repository.Path);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var signedIn = await SignInAsync(client, Key, "//evil.example/steal");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/promptwatch/", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_without_the_page_token_is_refused()
    {
        await using var host = new Host(_repository.Path);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = Key, ["returnUrl"] = "/promptwatch/" });
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(static c => c.StartsWith("orders.signin=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_repository_without_a_name_is_named_after_its_location()
    {
        await using var host = new Host(_repository.Path, name: null);
        using var client = host.CreateClient();

        using var repositories = await GetAsync(client, "/promptwatch/api/repositories", html: false, Key);
        using var json = JsonDocument.Parse(await repositories.Content.ReadAsStringAsync());
        Assert.Equal(Path.GetFileName(_repository.Path), Assert.Single(json.RootElement.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task With_no_repository_configured_the_service_watches_its_own_demo_repository_and_starts_healthy()
    {
        using var data = new TemporaryFolder();
        await using var host = new Host(repositoryPath: null, name: null, dataDirectory: data.Path);
        using var client = host.CreateClient();

        using (var refresh = await PostAsync(client, "/promptwatch/api/refresh", Key)) Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        using var repositories = await GetAsync(client, "/promptwatch/api/repositories", html: false, Key);
        using var json = JsonDocument.Parse(await repositories.Content.ReadAsStringAsync());
        var repository = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("demo-repository", repository.GetProperty("name").GetString());
        Assert.True(repository.GetProperty("changes").GetInt32() > 0);
    }

    public void Dispose() => _repository.Dispose();

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, bool html, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (html) request.Headers.Add("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    // As a browser does: open the page (its form carries the anti-forgery token, its cookie comes along), post the form.
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string apiKey, string returnUrl)
    {
        using var page = await GetAsync(client, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl), html: true);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, html);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["apiKey"] = apiKey,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnField().Match(html).Groups["value"].Value),
        });
        return await client.PostAsync(new Uri("/login", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex ReturnField();

    private sealed class Host(string? repositoryPath, string? name = "orders-deployment", string? dataDirectory = null) : WebApplicationFactory<embedded::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (name is not null) builder.UseSetting("PromptWatch:Repositories:0:Name", name);
            if (repositoryPath is not null) builder.UseSetting("PromptWatch:Repositories:0:Location", repositoryPath);
            if (dataDirectory is not null) builder.UseSetting("Sample:DataDirectory", dataDirectory);
            builder.UseSetting("PromptWatch:PollInterval", TimeSpan.FromHours(1).ToString("c"));
            builder.UseSetting("Auth:ApiKey", Key);
            builder.UseEnvironment("Production");
        }
    }
}
