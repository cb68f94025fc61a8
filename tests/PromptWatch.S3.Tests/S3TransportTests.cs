using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.S3.Tests;

/// <summary>Which server certificates the stores accept.</summary>
public sealed class S3TransportTests
{
    [Fact]
    public void With_verification_on_and_no_bundle_the_platform_decides()
    {
        Assert.Null(S3Transport.CreateValidationCallback(verifyTls: true, trusted: null));
    }

    [Fact]
    public void With_verification_off_any_certificate_is_accepted()
    {
        var callback = S3Transport.CreateValidationCallback(verifyTls: false, trusted: null);

        Assert.NotNull(callback);
        Assert.True(callback(this, null, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void A_certificate_issued_by_a_bundled_ca_is_trusted()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var server = TestCertificates.CreateServerCertificate(ca, "s3.internal.example");
        var trusted = new X509Certificate2Collection { ca };

        Assert.True(S3Transport.IsTrusted(server, null, SslPolicyErrors.RemoteCertificateChainErrors, trusted));
    }

    [Fact]
    public void A_certificate_of_another_ca_is_not_trusted()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var other = TestCertificates.CreateCa("Someone Else's CA");
        using var server = TestCertificates.CreateServerCertificate(other, "s3.internal.example");
        var trusted = new X509Certificate2Collection { ca };

        Assert.False(S3Transport.IsTrusted(server, null, SslPolicyErrors.RemoteCertificateChainErrors, trusted));
    }

    [Fact]
    public void A_name_mismatch_is_never_accepted_by_the_bundle()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var server = TestCertificates.CreateServerCertificate(ca, "elsewhere.example");
        var trusted = new X509Certificate2Collection { ca };

        Assert.False(S3Transport.IsTrusted(server, null, SslPolicyErrors.RemoteCertificateNameMismatch, trusted));
        Assert.False(S3Transport.IsTrusted(server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, trusted));
    }

    [Fact]
    public async Task A_bundle_file_is_loaded_into_the_transport()
    {
        // A real TLS call: the server's certificate is issued by a private CA, which only the bundle makes trusted.
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var certificate = TestCertificates.CreateServerCertificate(ca, "127.0.0.1");
        await using var server = LoopbackServer.Tls(certificate);
        var endpoint = new Uri($"https://127.0.0.1:{server.Port}/results");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, ca.ExportCertificatePem());
            using var withBundle = new S3Transport(Options(endpoint, path), wrapHandler: null);
            using var withoutBundle = new S3Transport(Options(endpoint, caBundlePath: null), wrapHandler: null);

            using (var answered = await withBundle.HttpClient.GetAsync(endpoint))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, answered.StatusCode);
                Assert.Contains(LoopbackServer.Key, await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await withoutBundle.HttpClient.GetAsync(endpoint));
            Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static S3ResultStoreOptions Options(Uri endpoint, string? caBundlePath) => new()
    {
        Endpoint = endpoint.GetLeftPart(UriPartial.Authority),
        AccessKey = "a",
        SecretKey = "s",
        CaBundlePath = caBundlePath,
    };
}
