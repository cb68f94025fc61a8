using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PromptWatch.S3.Tests.Support;

/// <summary>
/// A minimal server on a loopback port: over TLS it answers every request with one ListObjectsV2 page of
/// <see cref="Key"/>; or it accepts connections and never answers.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string Key = "0123456/summarize_results.html";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _silentClients = [];
    private readonly Task _loop;

    private LoopbackServer(X509Certificate2? certificate)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync(certificate);
    }

    public int Port { get; }

    /// <summary>Answers one listing page over TLS with <paramref name="certificate"/>.</summary>
    public static LoopbackServer Tls(X509Certificate2 certificate) => new(certificate);

    /// <summary>Accepts connections and never answers.</summary>
    public static LoopbackServer Silent() => new(null);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        lock (_silentClients)
        {
            foreach (var client in _silentClients) client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(X509Certificate2? certificate)
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (certificate is null)
            {
                lock (_silentClients) _silentClients.Add(client);
                continue;
            }

            _ = Task.Run(() => AnswerAsync(client, certificate));
        }
    }

    private async Task AnswerAsync(TcpClient client, X509Certificate2 certificate)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, _stop.Token);
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer, _stop.Token);
                    if (read == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var body = Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
                    $"<Name>results</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>{Key}</Key><Size>5</Size></Contents></ListBucketResult>");
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await tls.WriteAsync(head, _stop.Token);
                await tls.WriteAsync(body, _stop.Token);
                await tls.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that refuses the certificate closes the connection.
            }
        }
    }
}
