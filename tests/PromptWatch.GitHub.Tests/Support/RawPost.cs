using System.Net.Sockets;
using System.Text;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A POST over a plain socket, as an attacker sends it: the headers, then a body of zeros written as fast as the server
/// takes it, while the answer is read; once the status line and headers have arrived the connection is closed, so the
/// client never sends more than the server took before answering.
/// </summary>
public static class RawPost
{
    private static readonly byte[] Zeros = new byte[64 * 1024];

    /// <summary>The answer's status code and headers.</summary>
    public static async Task<(int Status, string Head)> SendAsync(Uri baseAddress, string path, long contentLength, IReadOnlyDictionary<string, string> headers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append("POST /").Append(path).Append(" HTTP/1.1\r\nHost: ").Append(baseAddress.Authority)
            .Append("\r\nContent-Type: application/json\r\nContent-Length: ").Append(contentLength).Append("\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var sender = Task.Run(async () =>
        {
            try
            {
                for (long sent = 0; sent < contentLength; sent += Zeros.Length)
                {
                    await stream.WriteAsync(Zeros.AsMemory(0, (int)Math.Min(Zeros.Length, contentLength - sent)), stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The server answered and closed, or the answer is in: the rest is not sent.
            }
        });

        var received = new List<byte>();
        var buffer = new byte[4096];
        string text;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) throw new IOException("The server closed the connection without an answer.");
            received.AddRange(buffer.AsSpan(0, read));
            text = Encoding.ASCII.GetString([.. received]);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }

        await stop.CancelAsync();
        client.Close();
        await sender;
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)]);
    }
}
