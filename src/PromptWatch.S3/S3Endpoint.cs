namespace PromptWatch.S3;

/// <summary>The endpoint URL, parsed once: what the clients need and a form safe to show.</summary>
internal sealed class S3Endpoint
{
    private S3Endpoint(Uri uri)
    {
        Uri = uri;
        Display = uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The endpoint.</summary>
    public Uri Uri { get; }

    /// <summary>Scheme, host and port: what logs, messages and diagnostics show.</summary>
    public string Display { get; }

    /// <summary>Whether the endpoint uses TLS.</summary>
    public bool IsHttps => Uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The host as it is written in a URL: punycode for an international name, an IPv6 address in brackets.</summary>
    public string Host => Uri.HostNameType == UriHostNameType.IPv6 ? $"[{Uri.IdnHost}]" : Uri.IdnHost;

    /// <summary>The port, explicit or the scheme's default.</summary>
    public int Port => Uri.Port;

    /// <summary>Parses a validated endpoint.</summary>
    public static S3Endpoint Parse(string endpoint) =>
        TryParse(endpoint, out var uri, out var problem) ? new S3Endpoint(uri) : throw new ArgumentException(problem, nameof(endpoint));

    /// <summary>Checks an endpoint: an absolute http(s) URL without credentials, path, query or fragment.</summary>
    public static bool TryParse(string? endpoint, out Uri uri, out string problem)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            problem = "is empty: set the S3 API's URL, for example https://s3.example.com";
            return false;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) || parsed.Host.Length == 0)
        {
            problem = "must be an absolute http:// or https:// URL, for example https://s3.example.com";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            problem = "may not contain a user name or password: set AccessKey and SecretKey instead";
            return false;
        }

        if (parsed.AbsolutePath != "/" || parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            problem = $"must be the server's base URL without a path, query or fragment (for example {parsed.GetLeftPart(UriPartial.Authority)})";
            return false;
        }

        uri = parsed;
        problem = string.Empty;
        return true;
    }

    /// <summary>A URL setting as it may be shown: without any <c>user:password@</c> part.</summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "(not set)";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return "(not a URL)";
        if (uri.UserInfo.Length == 0) return uri.ToString();
        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
    }
}
