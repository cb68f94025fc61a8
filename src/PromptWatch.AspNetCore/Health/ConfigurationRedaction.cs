using System.Text.RegularExpressions;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// Hides secrets in configuration shown by <c>/admin/config</c> and in health output: values of keys that name a
/// password, secret, token, key, connection string, credentials, authorization or webhook URL (a Slack or alert
/// sink URL is a credential by itself: its path carries the token), every header of an endpoint check,
/// the user info of URLs, URL query parameters naming a secret and <c>password=</c> parts of connection strings.
/// </summary>
internal static partial class ConfigurationRedaction
{
    public const string Redacted = "***";

    public static bool IsSecretKey(string key)
    {
        var last = key[(key.LastIndexOf(':') + 1)..];
        return SecretName().IsMatch(last) || EndpointHeader().IsMatch(key);
    }

    public static string? Redact(string key, string? value)
    {
        if (value is null) return null;
        if (IsSecretKey(key)) return value.Length == 0 ? value : Redacted;
        return RedactValue(value);
    }

    /// <summary>Hides the user info of URLs and the passwords of connection strings inside <paramref name="value"/>.</summary>
    public static string RedactValue(string value)
    {
        var withoutUserInfo = UrlUserInfo().Replace(value, "${scheme}" + Redacted + "@");
        var withoutQuerySecrets = QuerySecret().Replace(withoutUserInfo, "${name}" + Redacted);
        return ConnectionPassword().Replace(withoutQuerySecrets, "${name}=" + Redacted);
    }

    /// <summary><paramref name="url"/> without its query and fragment (which may carry tokens), user info shown as <c>***</c>.</summary>
    public static string RedactUrl(Uri url)
    {
        var withoutQuery = new UriBuilder(url) { Query = string.Empty, Fragment = string.Empty };
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            withoutQuery.UserName = Redacted;
            withoutQuery.Password = string.Empty;
        }

        return withoutQuery.Uri.ToString();
    }

    [GeneratedRegex("password|passwd|pwd|secret|token|key|connectionstring|connection_string|credential|authorization|cookie|webhook_?url", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^PromptWatch:Health:Endpoints:[^:]+:Headers(:|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndpointHeader();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.\-]*://)[^/@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?<name>[?&][^=&#\s]*(?:password|pwd|secret|token|key|sig|signature|credential)[^=&#\s]*=)[^&#\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuerySecret();

    [GeneratedRegex(@"(?<name>password|pwd)\s*=\s*[^,;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionPassword();
}
