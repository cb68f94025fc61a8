using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PromptWatch.Tests.Support;

namespace PromptWatch.OpenTelemetry.Tests.Support;

/// <summary>
/// A real Prometheus server (Debian package <c>prometheus</c>) on a free loopback port, scraping one target every
/// second, with its data in a temporary folder; stopped on dispose.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Process _process;
    private readonly HttpClient _client;

    public PrometheusServer(Uri target, string metricsPath)
    {
        var port = FreePort();
        var config = _folder.WriteFile("prometheus.yml", $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: promptwatch
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ["{target.Authority}"]

            """);
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(_folder.Path, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>
    /// Queries <paramref name="promql"/> until it returns a series, within <paramref name="bound"/>: the
    /// <c>metric</c> label sets of the series.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> QueryUntilFoundAsync(string promql, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "prometheus exited with code " + (_process.HasExited ? _process.ExitCode : 0));
            try
            {
                using var response = await _client.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var document = JsonDocument.Parse(last);
                    var result = document.RootElement.GetProperty("data").GetProperty("result");
                    if (result.GetArrayLength() > 0)
                    {
                        return [.. result.EnumerateArray().Select(static r => (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal))];
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prometheus returned no series for {promql} within {bound}; last answer: {last}");
    }

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
