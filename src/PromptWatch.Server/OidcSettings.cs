namespace PromptWatch.Server;

/// <summary>
/// The browser sign-in's provider: <c>OIDC_AUTHORITY</c>, <c>OIDC_CLIENT_ID</c>, <c>OIDC_CLIENT_SECRET</c> and
/// <c>OIDC_USER_CLAIM</c>, which <see cref="FlatSettings"/> puts into the <c>Sample:Oidc</c> section.
/// </summary>
/// <param name="Authority">The provider's issuer URL, where its discovery document is found.</param>
/// <param name="ClientId">This application's client id at the provider.</param>
/// <param name="ClientSecret">This application's client secret at the provider.</param>
/// <param name="UserClaim">The claim of the provider's ID token that names the user (the workspace a session may open).</param>
internal sealed record OidcSettings(Uri Authority, string ClientId, string ClientSecret, string UserClaim)
{
    public const string Section = "Sample:Oidc";
    public const string DefaultUserClaim = "preferred_username";

    /// <summary>The settings, or <see langword="null"/> when no authority is set (browser sign-in off).</summary>
    /// <exception cref="InvalidOperationException">The authority is set but a piece is missing or wrong; the message names each setting.</exception>
    public static OidcSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var authority = NullIfBlank(section["Authority"]);
        var clientId = NullIfBlank(section["ClientId"]);
        var clientSecret = NullIfBlank(section["ClientSecret"]);
        if (authority is null)
        {
            if (clientId is null && clientSecret is null) return null;
            throw new InvalidOperationException($"{Name("ClientId", "OIDC_CLIENT_ID")} or {Name("ClientSecret", "OIDC_CLIENT_SECRET")} is set but {Name("Authority", "OIDC_AUTHORITY")} is not: set the provider's issuer URL to turn on browser sign-in.");
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Name("Authority", "OIDC_AUTHORITY")} must be an absolute http(s) URL, not '{authority}'.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            problems.Add($"{Name("Authority", "OIDC_AUTHORITY")} must use https (plain http is accepted only for a provider on this machine).");
        }

        if (clientId is null) problems.Add($"{Name("ClientId", "OIDC_CLIENT_ID")} is not set (OIDC_AUTHORITY is).");
        if (clientSecret is null) problems.Add($"{Name("ClientSecret", "OIDC_CLIENT_SECRET")} is not set (OIDC_AUTHORITY is).");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        return new OidcSettings(uri!, clientId!, clientSecret!, NullIfBlank(section["UserClaim"])?.Trim() ?? DefaultUserClaim);
    }

    /// <summary>Never the secret, also not in a record's generated text.</summary>
    public override string ToString() => $"OidcSettings {{ Authority = {Authority}, ClientId = {ClientId}, UserClaim = {UserClaim} }}";

    private static string Name(string key, string flat) => $"{flat} ({Section}:{key})";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
