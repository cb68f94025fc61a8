using System.CommandLine;

namespace PromptWatch.Cli.Remote;

/// <summary>The options every command that reads a running host shares: where it is, a bearer token and <c>--json</c>.</summary>
internal sealed class RemoteOptions
{
    /// <summary>The environment variable that holds the host's address when <c>--url</c> is not given.</summary>
    public const string UrlVariable = "PROMPTWATCH_URL";

    /// <summary>The environment variable that holds a bearer token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "PROMPTWATCH_TOKEN";

    /// <summary>The address used without <c>--url</c> and <see cref="UrlVariable"/>: the web host's default.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    public Option<string?> Url { get; } = new("--url") { Description = $"The host's base address (default: the {UrlVariable} environment variable, else {DefaultUrl})." };

    public Option<string?> Token { get; } = new("--token") { Description = $"A bearer token for protected endpoints (default: the {TokenVariable} environment variable); never printed." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the host's JSON answer instead of a table." };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Json);
    }

    /// <summary>A client for the host the parse result names.</summary>
    /// <exception cref="PromptWatchException">The address is not an absolute http or https URL.</exception>
    public RemoteHost CreateHost(ParseResult result)
    {
        var url = result.GetValue(Url);
        if (string.IsNullOrWhiteSpace(url)) url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url)) url = DefaultUrl;
        var token = result.GetValue(Token);
        if (string.IsNullOrEmpty(token)) token = Environment.GetEnvironmentVariable(TokenVariable);
        return RemoteHost.Create(url, string.IsNullOrEmpty(token) ? null : token);
    }
}
