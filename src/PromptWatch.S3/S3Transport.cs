using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PromptWatch.S3;

/// <summary>
/// The HTTP client a store sends every request through: TLS checked against the system's CAs and the optional CA
/// bundle, or not at all when <see cref="S3ResultStoreOptions.VerifyTls"/> is off; connect and answer time-outs.
/// </summary>
internal sealed class S3Transport : IDisposable
{
    private readonly X509Certificate2Collection? _trustedCertificates;

    /// <param name="options">Validated options.</param>
    /// <param name="wrapHandler">Wraps the socket handler (tests count requests with it); <see langword="null"/> for none.</param>
    public S3Transport(S3ResultStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        if (options.VerifyTls && !string.IsNullOrWhiteSpace(options.CaBundlePath))
        {
            _trustedCertificates = [];
            _trustedCertificates.ImportFromPemFile(options.CaBundlePath);
        }

        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        if (CreateValidationCallback(options.VerifyTls, _trustedCertificates) is { } callback) sockets.SslOptions.RemoteCertificateValidationCallback = callback;
        var handler = wrapHandler is null ? sockets : wrapHandler(sockets);
        HttpClient = new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
    }

    /// <summary>The client; the transport owns and disposes it.</summary>
    public HttpClient HttpClient { get; }

    public void Dispose()
    {
        HttpClient.Dispose();
        if (_trustedCertificates is null) return;
        foreach (var certificate in _trustedCertificates) certificate.Dispose();
    }

    /// <summary>
    /// The certificate check: none (the platform's) when TLS is verified without extra CAs, one that accepts anything
    /// when verification is off, and one that also trusts <paramref name="trusted"/> otherwise.
    /// </summary>
    internal static RemoteCertificateValidationCallback? CreateValidationCallback(bool verifyTls, X509Certificate2Collection? trusted)
    {
        // Accepting any certificate is what VerifyTls = false asks for; the store logs a warning when it starts.
#pragma warning disable CA5359
        if (!verifyTls) return static (_, _, _, _) => true;
#pragma warning restore CA5359
        if (trusted is null || trusted.Count == 0) return null;
        return (_, certificate, presented, errors) => IsTrusted(certificate, presented, errors, trusted);
    }

    /// <summary>
    /// Whether a server certificate is trusted: the platform found no problem, or its only problem is a chain that
    /// ends in one of <paramref name="trusted"/>. A name mismatch is never accepted.
    /// </summary>
    internal static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.ExtraStore.AddRange(trusted);
        // A private CA rarely publishes revocation lists that this host could reach.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (certificate is X509Certificate2 leaf) return chain.Build(leaf);
        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
