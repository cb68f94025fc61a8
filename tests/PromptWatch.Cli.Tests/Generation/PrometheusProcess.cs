using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// A real Prometheus server (Debian package <c>prometheus</c>) on a free loopback port, on a given configuration file,
/// its data in a temporary folder; killed on dispose. What it logs is kept for failure messages.
/// </summary>
internal sealed class PrometheusProcess : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly List<string> _log = [];

    public PrometheusProcess(string configFile)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + _data.Combine("data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The last lines Prometheus logged.</summary>
    public string Log
    {
        get
        {
            lock (_log) return string.Join('\n', _log.TakeLast(30));
        }
    }

    /// <summary>The <c>data</c> of an API answer (<c>api/v1/query?query=...</c>, <c>api/v1/alerts</c>...), or <see langword="null"/> while it does not answer.</summary>
    public async Task<JsonElement?> GetAsync(string relative)
    {
        Assert.False(_process.HasExited, "prometheus exited:\n" + Log);
        try
        {
            using var response = await _client.GetAsync(new Uri(relative, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK) return null;
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.GetProperty("data").Clone();
        }
        catch (HttpRequestException)
        {
            return null; // Not listening yet.
        }
    }

    /// <summary>The series a PromQL query returns now (none while Prometheus does not answer).</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string promql) =>
        await GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql)) is { } data ? [.. data.GetProperty("result").EnumerateArray()] : [];

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _data.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
