using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.AspNetCore;
using PromptWatch.Hosting;
using PromptWatch.Server;

namespace PromptWatch.Cli.Hosting;

/// <summary>
/// Runs the health checks of <see cref="PromptWatchServer"/>'s composition once, in this process, for
/// <c>promptwatch health --config</c>: the application is built from the same settings as <c>promptwatch server</c>,
/// started on a loopback port of its own (so that its hosted services run), every repository is refreshed and every
/// result store listed once, then every registered check runs.
/// </summary>
internal static class LocalHealth
{
    /// <summary>The report as <c>/health/detailed</c> writes it (<see cref="HealthReportJson"/>): the checks' entries, then those of every <see cref="IHealthReportContributor"/>.</summary>
    /// <exception cref="PromptWatchException">The configuration file is missing or invalid, or a setting is invalid.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<string> RunAsync(FileInfo config, CancellationToken cancellationToken)
    {
        if (!config.Exists) throw new PromptWatchException($"--config {config.FullName}: no such file.");
        WebApplication app;
        try
        {
            app = PromptWatchServer.CreateApplication(["--urls", "http://127.0.0.1:0"], builder =>
            {
                builder.Configuration.AddJsonFile(config.FullName, optional: false, reloadOnChange: false);
                // The report is the output: the host's own log lines would only interleave with it.
                builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "None")]);
            });
        }
        catch (InvalidDataException e)
        {
            throw new PromptWatchException($"--config {config.FullName}: {e.Message}");
        }
        catch (Exception e) when (PromptWatchServer.DescribeSettingFailure(e) is { } message)
        {
            throw new PromptWatchException("cannot start: " + message);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (PromptWatchServer.DescribeSettingFailure(e) is { } message)
            {
                throw new PromptWatchException("cannot start: " + message);
            }

            try
            {
                var monitor = app.Services.GetRequiredService<PromptWatchMonitor>();
                await monitor.RefreshAsync(cancellationToken: cancellationToken);
                await monitor.RefreshResultsAsync(cancellationToken);
                var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
                return await WriteAsync(app.Services, report, cancellationToken);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<string> WriteAsync(IServiceProvider services, HealthReport report, CancellationToken cancellationToken)
    {
        var contributed = new List<KeyValuePair<string, HealthReportEntry>>();
        foreach (var contributor in services.GetServices<IHealthReportContributor>()) contributed.AddRange(await contributor.GetEntriesAsync(cancellationToken));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        HealthReportJson.Write(buffer, report, contributed, HealthCheckTimeouts.Of(services));
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
