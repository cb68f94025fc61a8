using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report as <c>/health/detailed</c> writes it: <c>{status, duration_ms, checks: [{name, status, duration_ms, description, tags, data}]}</c>.</summary>
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
                return Write(report);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }

    private static string Write(HealthReport report)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
            writer.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 2));
                writer.WriteString("description", entry.Description ?? entry.Exception?.GetType().Name ?? "");
                writer.WriteStartArray("tags");
                foreach (var tag in entry.Tags) writer.WriteStringValue(tag);
                writer.WriteEndArray();
                writer.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    writer.WritePropertyName(key);
                    JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object));
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
