using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// A host watching one real repository with the pipeline monitor: <c>MapPromptWatch()</c> (the dashboard told where the
/// pipeline routes are) and <c>MapPromptWatchPipelines()</c>, on a test server or on Kestrel for a browser.
/// </summary>
internal sealed class TimelineMarksHost : IAsyncDisposable
{
    private TimelineMarksHost(WebApplication app, HttpClient client, string baseAddress)
    {
        App = app;
        Client = client;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string BaseAddress { get; }

    public IPipelineStore Store => App.Services.GetRequiredService<IPipelineStore>();

    public PipelineUpdater Updater => App.Services.GetRequiredService<PipelineUpdater>();

    public static async Task<TimelineMarksHost> StartAsync(string repositoryPath, bool pipelines = true, bool kestrel = false, TimeSpan? pollInterval = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        if (kestrel) builder.WebHost.ConfigureKestrel(static k => k.Listen(System.Net.IPAddress.Loopback, 0));
        else builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var promptWatch = builder.Services.AddPromptWatch(o =>
        {
            o.PollInterval = pollInterval ?? TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = repositoryPath, FetchLocal = false });
        });
        if (pipelines) promptWatch.AddPipelines();
        var app = builder.Build();
        app.MapPromptWatch(configure: o => o.PipelinesUrl = pipelines ? string.Empty : null);
        if (pipelines) app.MapPromptWatchPipelines();
        await app.StartAsync();
        string address;
        HttpClient client;
        if (kestrel)
        {
            address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
            client = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestClient();
            address = client.BaseAddress!.ToString();
        }

        using var refreshed = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        refreshed.EnsureSuccessStatusCode();
        return new TimelineMarksHost(app, client, address);
    }

    /// <summary>A completed or running run of workflow <paramref name="workflow"/> at <paramref name="sha"/>, through the updater (so it is published live).</summary>
    public Task RunAsync(long id, string sha, PipelineConclusion? conclusion, string workflow = "ci", PipelineStatus status = PipelineStatus.Completed, DateTimeOffset? at = null) =>
        Updater.ApplyRunAsync(PipelineSamples.Run(id, at ?? DateTimeOffset.UtcNow.AddMinutes(-30), status, conclusion) with
        {
            HeadSha = sha,
            WorkflowId = workflow switch { "ci" => 7, "lint" => 8, _ => 9 },
            WorkflowName = workflow,
            HtmlUrl = $"https://ci.example/runs/{id}",
        }, default).AsTask();

    /// <summary>A deployment of <paramref name="sha"/> to <paramref name="environment"/> with a status of <paramref name="state"/>, through the updater.</summary>
    public async Task DeployAsync(long id, string environment, string sha, DeploymentState state, long? runId = null, DateTimeOffset? at = null)
    {
        var created = at ?? DateTimeOffset.UtcNow.AddMinutes(-20);
        await Updater.ApplyDeploymentAsync(PipelineSamples.Deployment(id, created, environment, sha) with { RunId = runId }, default);
        await Updater.ApplyDeploymentStatusAsync(new PipelineDeploymentStatus(id * 10, id, PipelineSamples.Repository, state, null, "mona", created.AddMinutes(1)), default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
