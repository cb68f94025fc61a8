using Microsoft.AspNetCore.Builder;
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

/// <summary>A minimal host on a test server: AddPipelines() with a scripted provider, MapPromptWatchPipelines() at the root.</summary>
internal sealed class PipelineTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private PipelineTestHost(WebApplication app, ScriptedPipelineProvider provider, FakeTimeProvider time)
    {
        App = app;
        Provider = provider;
        Time = time;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public ScriptedPipelineProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IPipelineStore Store => App.Services.GetRequiredService<IPipelineStore>();

    public PipelineUpdater Updater => App.Services.GetRequiredService<PipelineUpdater>();

    public FakeLogCollector Logs => App.Services.GetRequiredService<FakeLogCollector>();

    public static async Task<PipelineTestHost> StartAsync(Action<PipelineOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging();
        var time = new FakeTimeProvider(Now);
        var provider = new ScriptedPipelineProvider(PipelineSamples.Repository);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IPipelineProvider>(provider);
        builder.Services.AddPromptWatch(static o => o.AllowNoRepositories = true).AddPipelines(configure);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapPromptWatchPipelines();
        await app.StartAsync();
        return new PipelineTestHost(app, provider, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
