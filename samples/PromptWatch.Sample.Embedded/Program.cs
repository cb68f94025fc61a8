// An existing service (here: orders) that embeds PromptWatch. The service keeps its own endpoints and its own
// authentication (its API key in X-Api-Key for scripts, a sign-in page at /login for browsers); the PromptWatch
// dashboard and API are mounted under /promptwatch behind the same authorization, and the health endpoints stay
// anonymous for the orchestrator's probes. README.md next to this file says how to run and configure it.
using PromptWatch.Hosting;
using PromptWatch.Sample.Embedded;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(ApiKey.FromConfiguration(builder.Configuration));
SignIn.AddServices(builder.Services);
builder.Services.AddAuthorization();

// Binds the "PromptWatch" configuration section (README.md) and validates it when the service starts. Without a
// configured repository the service watches a demo repository of its own, so a first start is healthy.
builder.Services.AddPromptWatch();
if (!builder.Configuration.GetSection("PromptWatch:Repositories").GetChildren().Any())
{
    var dataDirectory = Path.GetFullPath(builder.Configuration[DemoData.DataDirectoryKey] ?? ".data", builder.Environment.ContentRootPath);
    var demo = DemoData.Ensure(dataDirectory);
    // No name: it follows the location, as for any configured repository.
    builder.Services.Configure<PromptWatchOptions>(options => options.Repositories.Add(new WatchedRepositoryOptions { Location = demo }));
}

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

// The service's own endpoints, and its sign-in page.
Order[] orders = [new("A-1001", "Contoso", 129.90m), new("A-1002", "Fabrikam", 54.00m)];
app.MapGet("/", () => "Orders service");
app.MapGet("/orders", () => orders).RequireAuthorization();
SignIn.MapEndpoints(app);

// PromptWatch: dashboard at /promptwatch/, API at /promptwatch/api/..., all behind the service's authorization.
app.MapPromptWatch("/promptwatch").RequireAuthorization();
// /health, /health/live, /health/ready and /health/detailed, anonymous.
app.MapPromptWatchHealthChecks("/health");

app.Run();
