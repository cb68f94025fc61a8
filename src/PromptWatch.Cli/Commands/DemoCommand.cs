using System.CommandLine;
using PromptWatch.Demo;

namespace PromptWatch.Cli.Commands;

/// <summary><c>promptwatch demo &lt;folder&gt;</c>: creates a repository with a realistic settings history to try the other commands on.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "A new (or empty) folder for the demo repository." };
        var command = new Command("demo", "Create a demo repository with a history of model and prompt changes.");
        command.Arguments.Add(folder);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var path = DemoRepository.Create(result.GetValue(folder)!);
            await output.WriteLineAsync($"Created a demo repository in {path}; try: promptwatch scan {path}");
            return 0;
        }));
        return command;
    }
}
