namespace PromptWatch.Model;

/// <summary>A configuration file to follow through history, and the environment it configures.</summary>
/// <param name="Path">Repository-relative path at the branch tip, with forward slashes (for example <c>chart/values-prod.yaml</c>).</param>
/// <param name="Environment">The environment name shown for its changes (for example <c>prod</c>).</param>
public sealed record WatchedFile(string Path, string Environment)
{
    /// <summary>The default watched files: <c>chart/values-test.yaml</c> as <c>test</c> and <c>chart/values-prod.yaml</c> as <c>prod</c>.</summary>
    public static IReadOnlyList<WatchedFile> Defaults { get; } =
    [
        new("chart/values-test.yaml", "test"),
        new("chart/values-prod.yaml", "prod"),
    ];

    /// <summary>Parses <c>path=environment</c>, as the command line and configuration write it.</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The watched file.</returns>
    /// <exception cref="FormatException">The text is not of the form <c>path=environment</c>.</exception>
    public static WatchedFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.LastIndexOf('=');
        var path = separator > 0 ? NormalizePath(text[..separator]) : string.Empty;
        var environment = separator >= 0 ? text[(separator + 1)..].Trim() : string.Empty;
        if (path.Length == 0 || environment.Length == 0)
        {
            throw new FormatException($"'{text}' is not of the form <path>=<environment>, for example chart/values-prod.yaml=prod.");
        }

        return new WatchedFile(path, environment);
    }

    /// <summary>Turns a path into the repository-relative form used here: forward slashes, no leading <c>./</c> or <c>/</c>.</summary>
    /// <param name="path">The path to normalize.</param>
    /// <returns>The normalized path.</returns>
    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalized = path.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        return normalized.TrimStart('/');
    }
}
