using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PromptWatch.Tests.Support;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>
/// A real Prometheus Alertmanager (Debian package <c>prometheus-alertmanager</c>) on a free loopback port, with a
/// temporary configuration (one receiver without integrations, <c>group_wait: 1s</c>) and storage, no cluster port;
/// ready once <c>/-/ready</c> answers 200; stopped on dispose.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly System.Text.StringBuilder _output = new();

    private AlertmanagerServer()
    {
        var port = FreePort.Next();
        var config = _folder.WriteFile("alertmanager.yml", """
            route:
              receiver: nobody
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nobody

            """);
        var start = new ProcessStartInfo("prometheus-alertmanager")
        {
            ArgumentList =
            {
                "--config.file=" + config,
                "--storage.path=" + Path.Combine(_folder.Path, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--cluster.listen-address=",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus-alertmanager did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _client = new HttpClient { BaseAddress = Url };
    }

    public Uri Url { get; }

    public static async Task<AlertmanagerServer> StartAsync()
    {
        var server = new AlertmanagerServer();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (server._process.HasExited) throw new InvalidOperationException("prometheus-alertmanager exited: " + server.Output);
            try
            {
                using var response = await server._client.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("prometheus-alertmanager was not ready within 60 s: " + server.Output);
            await Task.Delay(100);
        }
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The alerts <c>GET /api/v2/alerts</c> returns for <c>alertname</c> (active ones, by Alertmanager's default filters).</summary>
    public async Task<JsonElement[]> AlertsAsync(string alertName)
    {
        var filter = Uri.EscapeDataString($"alertname=\"{alertName}\"");
        var json = await _client.GetStringAsync(new Uri("api/v2/alerts?filter=" + filter, UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static a => a.Clone())];
    }

    /// <summary>Reads the alerts until <paramref name="condition"/> holds, within a generous bound.</summary>
    public async Task<JsonElement[]> WaitForAlertsAsync(string alertName, Func<JsonElement[], bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var alerts = await AlertsAsync(alertName);
            if (condition(alerts)) return alerts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Alertmanager's alerts for {alertName} did not reach the expected state within 30 s: {JsonSerializer.Serialize(alerts)}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
