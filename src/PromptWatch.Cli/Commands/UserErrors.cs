using LibGit2Sharp;
using PromptWatch.Cli.Output;

namespace PromptWatch.Cli.Commands;

/// <summary>Runs a command body and turns failures a user can act on into one line on standard error.</summary>
internal static class UserErrors
{
    public static async Task<int> HandleAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (PromptWatchException e)
        {
            await error.WriteLineAsync("promptwatch: " + TerminalText.Escape(e.Message));
            return PromptWatchCli.UserError;
        }
        catch (LibGit2SharpException e)
        {
            await error.WriteLineAsync("promptwatch: git failed: " + TerminalText.Escape(e.Message).TrimEnd('.') + ".");
            return PromptWatchCli.UserError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("promptwatch: cancelled.");
            return 130;
        }
    }
}
