namespace PromptWatch.GitHub.Pipelines;

/// <summary>An <c>owner/name</c> repository, split.</summary>
internal sealed record GitHubRepositoryName(string Owner, string Name)
{
    public string FullName => $"{Owner}/{Name}";

    /// <summary>The owner and name of <paramref name="repository"/>; <see langword="null"/> when it is no <c>owner/name</c>.</summary>
    public static GitHubRepositoryName? Parse(string? repository)
    {
        if (string.IsNullOrWhiteSpace(repository)) return null;
        var parts = repository.Split('/');
        if (parts.Length != 2 || !IsName(parts[0]) || !IsName(parts[1])) return null;
        return new GitHubRepositoryName(parts[0], parts[1]);
    }

    private static bool IsName(string part) =>
        part.Length is > 0 and <= 100 && part is not "." and not ".." && part.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
