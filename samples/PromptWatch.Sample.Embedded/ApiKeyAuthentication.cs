using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PromptWatch.Sample.Embedded;

/// <summary>
/// The service's API key, read from <c>Auth:ApiKey</c>. Only its SHA-256 hash is kept, so that comparing a
/// presented key takes the same time whatever its length and content, and the key itself never reaches a log.
/// </summary>
internal sealed class ApiKey
{
    public const string ConfigurationKey = "Auth:ApiKey";

    private readonly byte[] _hash;

    private ApiKey(string key) => _hash = Hash(key);

    /// <summary>Reads the key; a service without one refuses to start.</summary>
    public static ApiKey FromConfiguration(IConfiguration configuration)
    {
        var key = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException(
                $"No API key is configured: set {ConfigurationKey} (for example with the environment variable Auth__ApiKey or a user secret). The service does not start without one.");
        }

        return new ApiKey(key);
    }

    public bool Matches(string? presented) => presented is not null && CryptographicOperations.FixedTimeEquals(_hash, Hash(presented));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>
/// Authenticates a request that carries the service's API key in the <c>X-Api-Key</c> header, and challenges the
/// others: a browser is redirected to the sign-in page, any other client gets 401 with <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKey apiKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented)) return Task.FromResult(AuthenticateResult.NoResult());
        // The failure message is logged: it names no key.
        if (presented.Count != 1 || !apiKey.Matches(presented[0])) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    // A browser opening a page goes to the sign-in page; an API client learns which scheme to use.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (SignIn.IsBrowserNavigation(Request))
        {
            Response.Redirect(SignIn.LoginUrl(Request));
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}
