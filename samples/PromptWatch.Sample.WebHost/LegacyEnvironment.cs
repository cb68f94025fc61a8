using System.Globalization;
using PromptWatch.Hosting;

namespace PromptWatch.Sample.WebHost;

/// <summary>
/// Reads the environment variables users of the Flask dashboard already set (GIT_REPO_URL, GIT_USERNAME,
/// GIT_PASSWORD, GIT_BRANCH, MONITOR_INTERVAL in seconds) into PromptWatch options.
/// </summary>
internal static class LegacyEnvironment
{
    public static bool HasRepository(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["GIT_REPO_URL"]);

    public static void Apply(IConfiguration configuration, PromptWatchOptions options)
    {
        if (configuration["MONITOR_INTERVAL"] is { Length: > 0 } interval)
        {
            if (!int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                throw new InvalidOperationException($"MONITOR_INTERVAL must be a whole number of seconds, not '{interval}'.");
            }

            options.PollInterval = TimeSpan.FromSeconds(seconds);
        }

        if (!HasRepository(configuration)) return;
        var repository = new WatchedRepositoryOptions
        {
            Location = configuration["GIT_REPO_URL"]!,
            Branch = NullIfEmpty(configuration["GIT_BRANCH"]),
            Username = NullIfEmpty(configuration["GIT_USERNAME"]),
            Password = NullIfEmpty(configuration["GIT_PASSWORD"]),
        };
        // A token alone is common (GitHub, GitLab): Git wants some user name with it.
        if (repository.Password is not null && repository.Username is null) repository.Username = "git";
        options.Repositories.Add(repository);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
