using System.CommandLine;
using PromptWatch.Cli.Hosting;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch server [--urls] [--config &lt;file&gt;]</c>: runs the full web application (the sample web host's
/// composition, from PromptWatch.Server) until interrupted, with the same settings and environment variables.
/// </summary>
internal static class ServerCommand
{
    public static Command Create(TextWriter error)
    {
        var urls = new Option<string?>("--urls") { Description = "The addresses to listen on, separated by ';' (default: ASPNETCORE_URLS or Urls, else http://localhost:5000)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "A JSON settings file (the sections of appsettings.json); its settings win over appsettings.json and the environment's sections, the flat names (GIT_REPO_URL...) win over it." };
        var command = new Command("server", "Run the PromptWatch web application (dashboard, API, health, metrics, alerting) until Ctrl+C.");
        command.Options.Add(urls);
        command.Options.Add(config);
        // The ASP.NET Core assemblies are loaded only here, when the server runs (ServerHost's body names them).
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, () => ServerHost.RunAsync(result.GetValue(urls), result.GetValue(config), cancellationToken)));
        return command;
    }
}
