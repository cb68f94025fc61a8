// The full PromptWatch application: the dashboard, the API, health endpoints and OpenAPI in one host.
//
// With no configuration it creates a demo repository (and demo evaluation reports) in its data folder and
// watches it. Point it at a real repository with the "PromptWatch" configuration section (see README.md) or with the
// flat names of the replaced tool (GIT_REPO_URL, GIT_USERNAME, GIT_PASSWORD, GIT_BRANCH, GIT_WATCHED_FILES,
// MONITOR_INTERVAL in seconds, S3_*, REDIS_URL...), which FlatSettings translates to those sections.
// GitHub webhooks: GITHUB_WEBHOOK_SECRET (PromptWatch:GitHub:Secret) turns on the receiver at
// POST /api/monitor/webhook; GITHUB_TOKEN with GITHUB_OWNER and GITHUB_REPO turns on the pipeline monitor over
// GitHub Actions (SamplePipelines), and without them the demo repository gets demo pipeline data (DemoPipelines); JWT_SECRET_KEY puts the /api/monitor/* data endpoints, the workspaces and /health/detailed
// behind HS256 bearer tokens (SampleAuthorization). OIDC_AUTHORITY, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET sign browsers
// in with OpenID Connect at /signin (a cookie session; the user is the OIDC_USER_CLAIM claim, preferred_username by
// default), while scripts keep sending bearer tokens (SampleAuthentication, SampleSignIn).
// ALLOWED_ORIGINS lets pages of those origins call the API (SampleCors); /openapi/v1.json describes the API and /docs
// browses it (SampleOpenApi).
using PromptWatch.Hosting;

namespace PromptWatch.Server;

/// <summary>
/// Composes the full PromptWatch web application, as the sample web host and <c>promptwatch server</c> run it: one
/// composition, the same settings and environment variables.
/// </summary>
public static class PromptWatchServer
{
    /// <summary>
    /// Creates the application: the builder from <paramref name="args"/> (the usual ASP.NET Core command line,
    /// <c>--urls</c> among it), the flat settings over the sections they stand for, every PromptWatch service and
    /// route. The options are validated before it returns.
    /// </summary>
    /// <param name="args">The command line the builder reads.</param>
    /// <param name="configure">Runs on the builder before anything is composed (for example to add a configuration file).</param>
    /// <returns>The application, ready to run.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message names it.</exception>
    public static WebApplication CreateApplication(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        // The flat names win over the sections they stand for; the packages read only their sections.
        try
        {
            builder.Configuration.AddFlatSettings();
        }
        catch (InvalidOperationException e)
        {
            throw new SettingException(e.Message, e);
        }

        builder.Services.AddProblemDetails();
        // The API document at /openapi/v1.json (with the security schemes of protected routes) and Swagger UI at /docs.
        SampleOpenApi.AddServices(builder);

        var useDemo = !builder.Configuration.GetSection("PromptWatch:Repositories").GetChildren().Any();
        var promptWatch = builder.Services.AddPromptWatch();
        string? demoRepository = null;
        if (useDemo)
        {
            var dataDirectory = Path.GetFullPath(builder.Configuration["Sample:DataDirectory"] ?? ".data", builder.Environment.ContentRootPath);
            var (repository, results) = DemoData.Ensure(dataDirectory);
            demoRepository = repository;
            builder.Services.Configure<PromptWatchOptions>(options => options.Repositories.Add(new WatchedRepositoryOptions { Name = "demo", Location = repository }));
            promptWatch.AddLocalFolderResults(results);
        }
        else if (builder.Configuration["Sample:ResultsDirectory"] is { Length: > 0 } resultsDirectory)
        {
            promptWatch.AddLocalFolderResults(resultsDirectory);
        }

        // Evaluation reports in S3 (the PromptWatch:S3 section, or S3_ENDPOINT and the other S3_* names); S3_CLIENT=minio
        // picks the MinIO client.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["PromptWatch:S3:Endpoint"]))
        {
            if (string.Equals(builder.Configuration["S3_CLIENT"], "minio", StringComparison.OrdinalIgnoreCase)) promptWatch.AddMinioEvaluationResults();
            else promptWatch.AddS3EvaluationResults();
        }

        // Multi-user workspaces (/{user}/{cluster}), off unless PromptWatch:Workspaces:Enabled is true (README, "Multi-user workspaces").
        var workspacesEnabled = builder.Configuration.GetValue<bool>("PromptWatch:Workspaces:Enabled");
        if (workspacesEnabled)
        {
            promptWatch.AddWorkspaces();
            if (!string.IsNullOrWhiteSpace(builder.Configuration["PromptWatch:Workspaces:S3Endpoint"]))
            {
                promptWatch.AddS3WorkspaceResults(useMinioClient: string.Equals(builder.Configuration["S3_CLIENT"], "minio", StringComparison.OrdinalIgnoreCase));
            }
        }

        // Counters in Redis, shared by every replica (the PromptWatch:Redis section, or REDIS_URL or REDIS_CONNECTION_STRING).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["PromptWatch:Redis:Configuration"]))
        {
            promptWatch.AddRedisCounters();
        }

        GitHubActivity.AddServices(builder, promptWatch);
        // The pipeline monitor over GitHub Actions, when GITHUB_TOKEN and GITHUB_OWNER/GITHUB_REPO are set (README, "Pipelines");
        // without them, demo data of the demo repository when it is watched.
        SamplePipelines.AddServices(builder, promptWatch, demoRepository);
        SampleHealth.AddServices(promptWatch);
        // Alerting with the default rules; channels from PromptWatch:Alerting or the flat names (README, "Alerting").
        SampleAlerting.AddServices(promptWatch, builder.Configuration, builder.Environment.ContentRootPath);
        SampleAuthentication.AddServices(builder);
        SampleCors.AddServices(builder);
        SampleTelemetry.AddServices(builder);
        // Classified log parameters redacted: secrets erased, personal data hashed with PromptWatch:Logging:RedactionKey or erased.
        SampleLogging.AddServices(builder);

        var app = builder.Build();

        // Correlation ids in log scopes and the X-Correlation-ID header (README, "Logs and correlation").
        SampleLogging.Use(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (SampleCors.Origins(app.Configuration).Length > 0) app.UseCors();

        SampleOpenApi.Map(app);
        SampleTelemetry.Map(app);
        if (OidcSettings.Read(app.Configuration) is { } oidc) SampleLog.BrowserSignIn(app.Logger, oidc.Authority, oidc.ClientId, oidc.UserClaim);
        SampleSignIn.MapEndpoints(app);
        SampleAuthorization.ProtectHealthDetails(app, app.MapPromptWatchHealthChecks("/health"));
        // /health/checker/{name}, /health/status, /info, /status; /admin/config and POST /admin/reset-metrics in one group
        // that needs a token (or a sign-in session) whenever authentication is on.
        var admin = SampleHealth.MapEndpoints(app);
        // Metrics as JSON at /metrics/json and /metrics/registries.
        SampleMetrics.MapEndpoints(app, admin);
        var activity = GitHubActivity.MapEndpoints(app);
        // /api/alerts/... and /api/v1/notifications/..., protected as /admin is.
        var alerts = SampleAlerting.MapEndpoints(app);
        // /api/v1/pipeline/..., /api/v1/builds/..., /api/v1/analytics/..., /ws and server-sent events, protected as /admin is.
        var pipelines = SamplePipelines.MapEndpoints(app);
        // Endpoint settings (dashboard poll interval, report size cap...) bind from PromptWatch:Endpoints.
        var api = app.MapPromptWatch("/", options =>
        {
            // The dashboard's Activity panel, while GitHub deliveries can arrive (without them it would only show zeros).
            if (GitHubActivity.ReceiverEnabled(app.Services)) options.ActivityUrl = GitHubActivity.DashboardUrl;
            // With browser sign-in, a 401 in the dashboard shows a "Sign in" link that comes back to the same view.
            if (OidcSettings.Read(builder.Configuration) is not null) options.SignInPath = SampleSignIn.SignInPath;
            options.AlertsUrl = SampleAlerting.AlertsUrl;
            // The Pipelines panel and the checks and deployed marks on changes, while the monitor is on (mapped at the root).
            if (pipelines is not null) options.PipelinesUrl = string.Empty;
            builder.Configuration.GetSection("PromptWatch:Endpoints").Bind(options);
        });
        // ALLOWED_ORIGINS: dashboards of other origins may call the API (off by default).
        SampleCors.Apply(app, api, activity, alerts);
        if (workspacesEnabled)
        {
            var workspaces = app.MapPromptWatchWorkspaces("/", options =>
            {
                if (OidcSettings.Read(builder.Configuration) is not null) options.SignInPath = SampleSignIn.SignInPath;
                builder.Configuration.GetSection("PromptWatch:Endpoints").Bind(options);
            });
            SampleAuthorization.ProtectWorkspaces(app, workspaces);
            SampleCors.Apply(app, workspaces);
        }

        // Validate the options now rather than in Run, which would log the failure with its stack trace first.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        return app;
    }

    /// <summary>The message of a setting failure that stops the application at start; <see langword="null"/> for any other exception.</summary>
    /// <param name="exception">What <see cref="CreateApplication"/> or the start threw.</param>
    /// <returns>One message naming every bad setting, or <see langword="null"/>.</returns>
    public static string? DescribeSettingFailure(Exception exception) => StartupFailure.Describe(exception);

    /// <summary>
    /// Ends the process with the setting failure's message on standard error and exit code 1 (no stack trace) when the
    /// entry point lets one escape; a host that runs the entry point itself (a test factory) sees it as thrown.
    /// </summary>
    public static void ExitOnSettingFailures() => StartupFailure.ExitOnSettingFailures();
}
