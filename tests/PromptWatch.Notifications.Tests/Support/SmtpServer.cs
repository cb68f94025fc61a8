using System.Diagnostics;
using System.Globalization;
using MimeKit;
using PromptWatch.Tests.Support;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>
/// A real SMTP server (Debian package <c>python3-aiosmtpd</c>) on a free loopback port whose Mailbox handler writes
/// each message into a Maildir; either aiosmtpd's own command line (no authentication) or
/// <c>smtp_auth_server.py</c> (AUTH required, without TLS). Stopped on dispose.
/// </summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private SmtpServer(string? user, string? password)
    {
        Port = FreePort.Next();
        var maildir = Path.Combine(_folder.Path, "mail");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var port = Port.ToString(CultureInfo.InvariantCulture);
        if (user is null)
        {
            foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port, "-c", "aiosmtpd.handlers.Mailbox", maildir }) start.ArgumentList.Add(argument);
        }
        else
        {
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Support", "smtp_auth_server.py"), port, maildir, user, password! }) start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static Task<SmtpServer> StartAsync() => StartAsync(null, null);

    public static async Task<SmtpServer> StartWithAuthenticationAsync(string user, string password) => await StartAsync(user, password);

    /// <summary>The messages delivered so far, waiting until there are <paramref name="count"/> within a generous bound.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var folder = Path.Combine(Maildir, "new");
        while (true)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
            if (files.Length >= count) return [.. files.Order(StringComparer.Ordinal).Select(static f => MimeMessage.Load(f))];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{files.Length} of {count} message(s) arrived within 30 s. Server output: {Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>How many SMTP sessions (EHLO) the authenticating server saw.</summary>
    public int Sessions => File.Exists(Maildir + ".sessions") ? File.ReadAllLines(Maildir + ".sessions").Length : 0;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static async Task<SmtpServer> StartAsync(string? user, string? password)
    {
        var server = new SmtpServer(user, password);
        await FreePort.WaitUntilListeningAsync(server.Port, TimeSpan.FromSeconds(60), () => server._process.HasExited ? "aiosmtpd exited: " + server.Output : null);
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
