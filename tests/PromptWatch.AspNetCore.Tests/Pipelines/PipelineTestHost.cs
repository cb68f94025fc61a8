using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
/// scripted provider, optionally AddAlerting() with its default rules, MapPromptWatchPipelines() at the root.
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

    public static async Task<PipelineTestHost> StartAsync(Action<PipelineOptions>? configure = null, bool kestrel = false, bool alerting = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        if (kestrel) builder.WebHost.ConfigureKestrel(static k => k.Listen(System.Net.IPAddress.Loopback, 0));
        else builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging();
        var time = new FakeTimeProvider(Now);
        var provider = new ScriptedPipelineProvider(PipelineSamples.Repository);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IPipelineProvider>(provider);
        var promptWatch = builder.Services.AddPromptWatch(static o => o.AllowNoRepositories = true);
        promptWatch.AddPipelines(configure);
        if (alerting) promptWatch.AddAlerting(static o => o.Cooldown = TimeSpan.Zero);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapPromptWatchPipelines();
        await app.StartAsync();
        var address = kestrel ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") : null;
        return new PipelineTestHost(app, provider, time, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
