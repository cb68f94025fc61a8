// An existing service (here: orders) that embeds PromptWatch. The service keeps its own endpoints and its own
// authentication; the PromptWatch dashboard and API are mounted under /promptwatch behind the same authorization,
// and the health endpoints stay anonymous for the orchestrator's probes.
//
// Configuration (appsettings.json, environment variables such as Auth__ApiKey, or user secrets):
//   Auth:ApiKey                                the key callers send in the X-Api-Key header; the service does not start without it
//   PromptWatch:Repositories:0:Location        the watched repository: a local path or a URL
//   PromptWatch:Repositories:0:Name            its name in the API and health checks (default: the last segment of Location)
//   PromptWatch:Repositories:0:Branch          the branch to scan (default: the checked-out branch, or the remote's default)
//   PromptWatch:Repositories:0:Username        credentials for a remote that needs them; set the password (or token) in
//   PromptWatch:Repositories:0:Password        an environment variable or a secret store, never in appsettings.json
//   PromptWatch:Repositories:0:Files:<path>    a watched values file and its environment name (default: chart/values-test.yaml
//                                              as test and chart/values-prod.yaml as prod)
//   PromptWatch:PollInterval                   how often every repository is fetched and rescanned (default 00:00:30)
// More repositories go under PromptWatch:Repositories:1, :2, ...
//
// Try it:
//   Auth__ApiKey=change-me PromptWatch__Repositories__0__Location=/path/to/a/deployment/repository dotnet run
//   curl -H "X-Api-Key: change-me" http://localhost:5002/promptwatch/api/changes
using Microsoft.AspNetCore.Authentication;
using PromptWatch.Sample.Embedded;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(ApiKey.FromConfiguration(builder.Configuration));
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
builder.Services.AddAuthorization();

// Binds the "PromptWatch" configuration section (see above) and validates it when the service starts.
builder.Services.AddPromptWatch();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

// The service's own endpoints.
Order[] orders = [new("A-1001", "Contoso", 129.90m), new("A-1002", "Fabrikam", 54.00m)];
app.MapGet("/", () => "Orders service");
app.MapGet("/orders", () => orders).RequireAuthorization();

// PromptWatch: dashboard at /promptwatch/, API at /promptwatch/api/..., all behind the service's authorization.
app.MapPromptWatch("/promptwatch").RequireAuthorization();
// /health, /health/live, /health/ready and /health/detailed, anonymous.
app.MapPromptWatchHealthChecks("/health");

app.Run();
