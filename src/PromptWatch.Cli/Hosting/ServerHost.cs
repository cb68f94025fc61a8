using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PromptWatch.Server;

namespace PromptWatch.Cli.Hosting;

/// <summary>Runs <see cref="PromptWatchServer"/>'s application for <c>promptwatch server</c>.</summary>
internal static class ServerHost
{
    /// <summary>Creates, starts and runs the application until <paramref name="cancellationToken"/> fires or the host stops.</summary>
    /// <exception cref="PromptWatchException">The configuration file is missing or invalid, a setting is invalid, or the server cannot listen.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<int> RunAsync(string? urls, FileInfo? config, CancellationToken cancellationToken)
    {
        if (config is not null && !config.Exists) throw new PromptWatchException($"--config {config.FullName}: no such file.");
        string[] args = string.IsNullOrWhiteSpace(urls) ? [] : ["--urls", urls];
        WebApplication app;
        try
        {
            app = PromptWatchServer.CreateApplication(args, builder =>
            {
                if (config is not null) builder.Configuration.AddJsonFile(config.FullName, optional: false, reloadOnChange: false);
            });
        }
        catch (InvalidDataException e)
        {
            throw new PromptWatchException($"--config {config?.FullName}: {e.Message}");
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
            catch (IOException e)
            {
                throw new PromptWatchException("cannot listen: " + e.Message);
            }
            catch (Exception e) when (PromptWatchServer.DescribeSettingFailure(e) is { } message)
            {
                throw new PromptWatchException("cannot start: " + message);
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: stop as the host would.
            }

            await app.StopAsync(CancellationToken.None);
        }

        return 0;
    }
}
