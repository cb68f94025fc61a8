using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.Server;

/// <summary>
/// The pipeline monitor over GitHub Actions, on when a token (<c>GITHUB_TOKEN</c> or
/// <c>PromptWatch:Pipelines:GitHub:Token</c>) and a repository (<c>GITHUB_OWNER</c> + <c>GITHUB_REPO</c>, or
/// <c>PromptWatch:Pipelines:GitHub:Repositories</c>) are configured: the provider, its reconcile poll, webhooks into the
/// pipeline store (with GITHUB_WEBHOOK_SECRET) and the /api/v1/pipeline, /api/v1/builds, /api/v1/analytics, /ws routes.
/// Without them, while the demo repository is watched, the same routes serve demo data generated from its commits
/// (<see cref="DemoPipelineSeeder"/>).
/// </summary>
internal static class SamplePipelines
{
    private const string Section = "PromptWatch:Pipelines:GitHub";

    /// <summary>Whether the configuration holds a token and at least one repository.</summary>
    public static bool Enabled(IConfiguration configuration)
    {
        var token = configuration[Section + ":Token"] ?? configuration["GITHUB_TOKEN"];
        var repositories = configuration.GetSection(Section + ":Repositories").GetChildren().Any() || !string.IsNullOrWhiteSpace(configuration["GITHUB_REPO"]);
        return !string.IsNullOrWhiteSpace(token) && repositories;
    }

    /// <summary>Adds the monitor over GitHub Actions when <see cref="Enabled"/>; otherwise, with <paramref name="demoRepository"/>, the monitor with demo data of that repository.</summary>
    public static void AddServices(WebApplicationBuilder builder, IPromptWatchBuilder promptWatch, string? demoRepository = null)
    {
        if (Enabled(builder.Configuration))
        {
            promptWatch.AddPipelines().AddGitHubActions();
        }
        else if (demoRepository is not null)
        {
            promptWatch.AddPipelines();
            builder.Services.AddSingleton(new DemoPipelineSource(demoRepository));
            builder.Services.AddHostedService<DemoPipelineSeeder>();
        }
    }

    /// <summary>Whether the monitor is on, over GitHub Actions or with demo data.</summary>
    public static bool On(WebApplication app) => Enabled(app.Configuration) || app.Services.GetService<DemoPipelineSource>() is not null;

    /// <summary>Maps the monitor's routes (behind the sample's authorization when it is on); <see langword="null"/> when the monitor is off.</summary>
    public static RouteGroupBuilder? MapEndpoints(WebApplication app)
    {
        if (!On(app)) return null;
        var pipelines = app.MapPromptWatchPipelines("/");
        if (SampleAuthentication.Enabled(app.Configuration)) pipelines.RequireAuthorization(SampleAuthentication.Policy);
        return pipelines;
    }
}
