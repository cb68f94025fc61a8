using System.CommandLine;
using PromptWatch.Model;
using PromptWatch.Repositories;

namespace PromptWatch.Cli.Commands;

/// <summary>The options <c>scan</c> and <c>history</c> share: where the repository is and what to watch.</summary>
internal sealed class CommonOptions
{
    /// <summary>The environment variable that holds a password or token for <c>--username</c>.</summary>
    public const string PasswordVariable = "PROMPTWATCH_GIT_PASSWORD";

    public Argument<string> Location { get; } = new("path-or-url") { Description = "A local repository path, or a repository URL (https://, ssh://, file://)." };

    public Option<string?> Branch { get; } = new("--branch", "-b") { Description = "The branch to scan (default: the checked-out branch of a path, the remote's default branch of a URL); in a local clone, a name only one remote has is that remote's branch, as git checkout takes it." };

    public Option<string[]> Files { get; } = new("--file", "-f")
    {
        Description = "A watched file and its environment as <path>=<env>; repeat for several (default: chart/values-test.yaml=test and chart/values-prod.yaml=prod).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (the shape the HTTP API serves) instead of text." };

    public Option<string?> Username { get; } = new("--username", "-u") { Description = $"User name for a remote; the password or token is read from the {PasswordVariable} environment variable." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir") { Description = "Where remote repositories are cloned (default: promptwatch/repositories in the user's cache folder)." };

    public Option<bool> Fetch { get; } = new("--fetch") { Description = "Fetch the remotes of a local repository before scanning." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Location);
        command.Options.Add(Branch);
        command.Options.Add(Files);
        command.Options.Add(Json);
        command.Options.Add(Username);
        command.Options.Add(CacheDirectory);
        command.Options.Add(Fetch);
    }

    /// <summary>The repository options from a parse result.</summary>
    /// <exception cref="PromptWatchException">A username was given without a password.</exception>
    public RepositorySourceOptions SourceOptions(ParseResult result)
    {
        var username = result.GetValue(Username);
        RepositoryCredentials? credentials = null;
        if (!string.IsNullOrEmpty(username))
        {
            var password = Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password)) throw new PromptWatchException($"--username needs the password or token in the {PasswordVariable} environment variable.");
            credentials = new RepositoryCredentials(username, password);
        }

        return new RepositorySourceOptions
        {
            Location = result.GetValue(Location)!,
            Branch = result.GetValue(Branch),
            Credentials = credentials,
            CacheDirectory = result.GetValue(CacheDirectory),
            FetchLocal = result.GetValue(Fetch),
        };
    }

    /// <summary>The watched files from a parse result.</summary>
    /// <exception cref="PromptWatchException">A <c>--file</c> value is not of the form path=env.</exception>
    public IReadOnlyList<WatchedFile> WatchedFiles(ParseResult result)
    {
        var values = result.GetValue(Files) ?? [];
        if (values.Length == 0) return WatchedFile.Defaults;
        try
        {
            return [.. values.Select(WatchedFile.Parse)];
        }
        catch (FormatException e)
        {
            throw new PromptWatchException("--file " + e.Message);
        }
    }
}
