using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// A minimal host on a test server (or, with <c>kestrel</c>, on a loopback port for real clients): AddPipelines() with a
/// scripted provider, optionally AddAlerting() with its default rules, MapPromptWatchPipelines() at the root; the pipeline
/// clock is a <see cref="FakeTimeProvider"/> at <see cref="Now"/>. <see cref="StartDashboardAsync"/>: the same with the
/// dashboard at the root on a loopback port, for the browser, and no provider.
/// </summary>
internal sealed class PipelineTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private PipelineTestHost(WebApplication app, ScriptedPipelineProvider provider, FakeTimeProvider time, Uri? address)
    {
        App = app;
        Provider = provider;
        Time = time;
        Address = address;
        Client = address is null ? app.GetTestClient() : new HttpClient { BaseAddress = address };
    }

    /// <summary>The loopback address Kestrel listens on, when started with <c>kestrel</c>.</summary>
    public Uri? Address { get; }

    public WebApplication App { get; }

    public ScriptedPipelineProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IPipelineStore Store => App.Services.GetRequiredService<IPipelineStore>();

    public PipelineUpdater Updater => App.Services.GetRequiredService<PipelineUpdater>();

    public FakeLogCollector Logs => App.Services.GetRequiredService<FakeLogCollector>();

    public static Task<PipelineTestHost> StartAsync(Action<PipelineOptions>? configure = null, bool kestrel = false, bool alerting = false) =>
        StartAsync(configure, kestrel, alerting, dashboard: null);

    /// <summary>The dashboard and the pipeline monitor in one host on a loopback port; the store starts empty.</summary>
    /// <param name="panel">Whether the page gets the monitor's routes (<c>PipelinesUrl</c>, the page's own base).</param>
    /// <param name="failOverview">Whether <c>api/v1/pipeline/overview</c> answers a 500 problem.</param>
    public static Task<PipelineTestHost> StartDashboardAsync(bool panel = true, bool failOverview = false) =>
        StartAsync(configure: null, kestrel: true, alerting: false, dashboard: (panel, failOverview));

    private static async Task<PipelineTestHost> StartAsync(Action<PipelineOptions>? configure, bool kestrel, bool alerting, (bool Panel, bool FailOverview)? dashboard)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        if (kestrel) builder.WebHost.ConfigureKestrel(static k => k.Listen(System.Net.IPAddress.Loopback, 0));
        else builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging();
        var time = new FakeTimeProvider(Now);
        var provider = new ScriptedPipelineProvider(PipelineSamples.Repository);
        builder.Services.AddSingleton<TimeProvider>(time);
        if (dashboard is null) builder.Services.AddSingleton<IPipelineProvider>(provider);
        var promptWatch = builder.Services.AddPromptWatch(static o => o.AllowNoRepositories = true);
        promptWatch.AddPipelines(configure);
        if (alerting) promptWatch.AddAlerting(static o => o.Cooldown = TimeSpan.Zero);
        var app = builder.Build();
        if (dashboard is { FailOverview: true })
        {
            app.Use(static next => context => context.Request.Path == "/api/v1/pipeline/overview"
                ? Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The store failed", detail: "The pipeline store is unreachable.").ExecuteAsync(context)
                : next(context));
        }

        app.UseWebSockets();
        app.MapPromptWatchPipelines();
        if (dashboard is { Panel: var panel })
        {
            app.MapPromptWatch("/", options =>
            {
                if (panel) options.PipelinesUrl = string.Empty;
            });
        }

        await app.StartAsync();
        var address = kestrel ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/") : null;
        return new PipelineTestHost(app, provider, time, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
