using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The dashboard and the pipeline monitor in one host on a real port, for the browser: the store starts empty, the
/// pipeline clock is a <see cref="FakeTimeProvider"/> at <see cref="Now"/>, and the page knows the monitor's routes
/// (<c>PipelinesUrl</c>, the page's own base) unless told otherwise.
/// </summary>
internal sealed class PipelinesDashboardHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private PipelinesDashboardHost(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>The page's address, ending with a slash.</summary>
    public string Address { get; }

    public PipelineUpdater Updater => App.Services.GetRequiredService<PipelineUpdater>();

    /// <param name="panel">Whether the page gets the monitor's routes (<c>PipelinesUrl</c>).</param>
    /// <param name="failOverview">Whether <c>api/v1/pipeline/overview</c> answers a 500 problem.</param>
    public static async Task<PipelinesDashboardHost> StartAsync(bool panel = true, bool failOverview = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(static kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddPromptWatch(static o => o.AllowNoRepositories = true).AddPipelines();
        var app = builder.Build();
        if (failOverview)
        {
            app.Use(static next => context => context.Request.Path == "/api/v1/pipeline/overview"
                ? Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The store failed", detail: "The pipeline store is unreachable.").ExecuteAsync(context)
                : next(context));
        }

        app.MapPromptWatchPipelines();
        app.MapPromptWatch("/", options =>
        {
            if (panel) options.PipelinesUrl = string.Empty;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PipelinesDashboardHost(app, address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
