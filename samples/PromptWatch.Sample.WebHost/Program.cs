// PromptWatch sample web host: the dashboard, the API, health endpoints and OpenAPI in one application.
//
// The composition is PromptWatch.Server's (promptwatch server runs the same): with no configuration it creates a demo
// repository and demo evaluation reports in its data folder (Sample:DataDirectory, .data) and watches it; the
// PromptWatch configuration section (appsettings.json, README.md) or the flat names of the replaced tool (GIT_REPO_URL,
// S3_*, REDIS_URL, GITHUB_WEBHOOK_SECRET, JWT_SECRET_KEY, OIDC_*, ALLOWED_ORIGINS...) point it at real repositories.
using PromptWatch.Server;

// A bad setting ends the process with one message naming it and exit code 1, not a stack trace.
PromptWatchServer.ExitOnSettingFailures();
PromptWatchServer.CreateApplication(args).Run();

/// <summary>The sample's entry point, visible to integration tests.</summary>
public partial class Program;
