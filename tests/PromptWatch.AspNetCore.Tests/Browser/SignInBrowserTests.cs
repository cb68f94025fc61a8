using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Server;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// Browser sign-in end to end in Chromium: the sample host (OIDC_AUTHORITY, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) on
/// Kestrel against a real OpenID Connect provider (OpenIddict, <see cref="OidcProvider"/>), the dashboard's "Sign in"
/// link, the provider's login page, the code exchange with PKCE and the session cookie, whose clock the test moves.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class SignInBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string User = "alice";
    private const string Password = "alice-password";
    private readonly WatchedRepository _repository = new();
    private readonly FakeTimeProvider _sessionClock = new(DateTimeOffset.UtcNow);
    private OidcProvider? _provider;
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseAddress = string.Empty;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Add summarize");
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Promote summarize");
        _repository.Set("test", "classify", "llama-3.1-8b", "Classify the ticket.", message: "Add classify");
        _provider = await OidcProvider.StartAsync(new Dictionary<string, string> { [User] = Password });
        // The session cookie's clock only: the provider's tokens and the sign-in's own cookies keep the real one.
        _host = new PromptWatchHost(
            _repository.Path,
            configureServices: services => services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options => options.TimeProvider = _sessionClock),
            settings: SampleSignInTests.Settings(_provider, withJwtKey: false));
        _host.UseKestrel(0);
        _host.StartServer();
        _baseAddress = _host.ClientOptions.BaseAddress.ToString();
        _provider.RedirectUri = new Uri(_baseAddress + "signin-oidc");

        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens <paramref name="view"/>, follows the dashboard's "Sign in" link and fills in the provider's login page.</summary>
    private async Task<IPage> SignInFromAsync(string view)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_baseAddress + view);
        var link = page.GetByTestId("sign-in");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("activity")).ToContainTextAsync("Sign in to see GitHub activity");
        await link.ClickAsync();
        await Assertions.Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        Assert.StartsWith(_provider!.Authority + "connect/authorize", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("User name").FillAsync(User);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task Signing_in_from_the_dashboards_link_comes_back_to_the_same_view_and_the_activity_panel_loads()
    {
        const string view = "?env=prod#changes";
        var page = await SignInFromAsync(view);

        await Assertions.Expect(page).ToHaveURLAsync(_baseAddress + view);
        await Assertions.Expect(page.GetByTestId("activity")).ToContainTextAsync("Activity this week");
        await Assertions.Expect(page.GetByTestId("filter-env")).ToHaveValueAsync("prod");
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeHiddenAsync();
        Assert.Equal(1, _provider!.TokensIssued);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-signed-in.png") });
    }

    [Fact]
    public async Task A_declined_sign_in_gets_a_page_that_says_so_not_a_500()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_baseAddress + "?env=test");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Decline" })).ToBeVisibleAsync();
        var callback = page.WaitForResponseAsync(response => response.Url.StartsWith(_baseAddress + "signin-oidc", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        Assert.Equal(403, (await callback).Status);
        await Assertions.Expect(page.GetByTestId("sign-in-failure")).ToHaveTextAsync("The sign-in was declined at the identity provider.");
        // Trying again goes back to the provider, for the view the user started from.
        await Assertions.Expect(page.GetByTestId("sign-in-retry")).ToHaveAttributeAsync("href", "/signin?returnUrl=%2F%3Fenv%3Dtest");
        Assert.Equal(0, _provider!.TokensIssued);
    }

    [Fact]
    public async Task An_expired_session_shows_the_sign_in_link_again()
    {
        var page = await SignInFromAsync(string.Empty);
        await Assertions.Expect(page).ToHaveURLAsync(_baseAddress);
        await Assertions.Expect(page.GetByTestId("activity")).ToContainTextAsync("Activity this week");

        _sessionClock.Advance(SampleAuthentication.SessionLifetime + TimeSpan.FromMinutes(1));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("activity")).ToContainTextAsync("Sign in to see GitHub activity");
        await Assertions.Expect(page.GetByTestId("sign-in")).ToHaveAttributeAsync("href", _baseAddress + "signin?returnUrl=%2F");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_provider is not null) await _provider.DisposeAsync();
        _repository.Dispose();
    }
}
