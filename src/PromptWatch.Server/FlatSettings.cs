using System.Globalization;
using PromptWatch.Model;

namespace PromptWatch.Server;

/// <summary>
/// The one place the sample reads the flat names users of the replaced tool already set (usually environment
/// variables), translated to the configuration sections the packages bind: <c>GIT_REPO_URL</c>, <c>GIT_BRANCH</c>,
/// <c>GIT_USERNAME</c>, <c>GIT_PASSWORD</c>, <c>GIT_WATCHED_FILES</c> (<c>chart/values.yaml=base,chart/values-prod.yaml=prod</c>)
/// (one more <c>PromptWatch:Repositories</c> entry, or the first entry of the section that has no location), <c>MONITOR_INTERVAL</c>
/// (seconds), <c>S3_ENDPOINT</c>, <c>S3_ACCESS_KEY</c>, <c>S3_SECRET_KEY</c>, <c>S3_BUCKET_NAME</c>, <c>S3_UI_URL</c>,
/// <c>S3_REGION</c>, <c>S3_REFRESH_INTERVAL</c> (seconds), <c>REDIS_URL</c> or <c>REDIS_CONNECTION_STRING</c>, and
/// <c>GITHUB_WEBHOOK_SECRET</c>, <c>ALLOWED_ORIGINS</c> (the origins <see cref="SampleCors"/> lets call the API), and the
/// browser sign-in's <c>OIDC_AUTHORITY</c>, <c>OIDC_CLIENT_ID</c>, <c>OIDC_CLIENT_SECRET</c> and <c>OIDC_USER_CLAIM</c> (the
/// <c>Sample:Oidc</c> section, <see cref="OidcSettings"/>), and the alerting names of <see cref="FlatAlertSettings"/>. Added last, the translation wins over the sections wherever a flat name is set.
/// </summary>
internal static class FlatSettings
{
    private static readonly (string Name, string Key)[] S3Names =
    [
        ("S3_ENDPOINT", "PromptWatch:S3:Endpoint"),
        ("S3_ACCESS_KEY", "PromptWatch:S3:AccessKey"),
        ("S3_SECRET_KEY", "PromptWatch:S3:SecretKey"),
        ("S3_BUCKET_NAME", "PromptWatch:S3:Bucket"),
        ("S3_UI_URL", "PromptWatch:S3:UiUrl"),
        ("S3_REGION", "PromptWatch:S3:Region"),
    ];

    private static readonly (string Name, string Key)[] OidcNames =
    [
        ("OIDC_AUTHORITY", OidcSettings.Section + ":Authority"),
        ("OIDC_CLIENT_ID", OidcSettings.Section + ":ClientId"),
        ("OIDC_CLIENT_SECRET", OidcSettings.Section + ":ClientSecret"),
        ("OIDC_USER_CLAIM", OidcSettings.Section + ":UserClaim"),
    ];

    /// <summary>Adds the translation of the flat names <paramref name="configuration"/> holds as its last source.</summary>
    /// <exception cref="InvalidOperationException">A flat value cannot be read; the message names the variable.</exception>
    public static void AddFlatSettings(this ConfigurationManager configuration) => configuration.AddInMemoryCollection(Translate(configuration));

    /// <summary>The <c>PromptWatch:...</c> keys and values the flat names in <paramref name="configuration"/> stand for.</summary>
    /// <exception cref="InvalidOperationException">A flat value cannot be read; the message names each such variable.</exception>
    public static Dictionary<string, string?> Translate(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        AddRepository(configuration, settings, problems);
        if (configuration["MONITOR_INTERVAL"] is { Length: > 0 } interval)
        {
            if (int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1) settings["PromptWatch:PollInterval"] = Format(TimeSpan.FromSeconds(seconds));
            else problems.Add($"MONITOR_INTERVAL must be a whole number of seconds, not '{interval}'.");
        }

        foreach (var (name, key) in S3Names)
        {
            if (Trimmed(configuration, name) is { } value) settings[key] = value;
        }

        if (Trimmed(configuration, "S3_REFRESH_INTERVAL") is { } refresh)
        {
            if (double.TryParse(refresh, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds)
            {
                settings["PromptWatch:S3:RefreshInterval"] = Format(TimeSpan.FromSeconds(seconds));
            }
            else
            {
                problems.Add($"S3_REFRESH_INTERVAL must be a number of seconds (it is '{refresh}').");
            }
        }

        var url = Trimmed(configuration, "REDIS_URL");
        var connectionString = Trimmed(configuration, "REDIS_CONNECTION_STRING");
        if (url is not null && connectionString is not null && url != connectionString) problems.Add("REDIS_URL and REDIS_CONNECTION_STRING are both set and differ: set only one of them.");
        if ((url ?? connectionString) is { } redis) settings["PromptWatch:Redis:Configuration"] = redis;

        if (NullIfBlank(configuration["GITHUB_WEBHOOK_SECRET"]) is { } secret) settings["PromptWatch:GitHub:Secret"] = secret;
        if (NullIfBlank(configuration["ALLOWED_ORIGINS"]) is { } origins) settings["Sample:AllowedOrigins"] = origins;

        foreach (var (name, key) in OidcNames)
        {
            if (Trimmed(configuration, name) is { } value) settings[key] = value;
        }

        FlatAlertSettings.Translate(configuration, settings, problems);

        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>
    /// <c>GIT_REPO_URL</c> and its companions: the first entry of the section without a location (one that only names
    /// files, say), or one more repository after those of the section.
    /// </summary>
    private static void AddRepository(IConfiguration configuration, Dictionary<string, string?> settings, List<string> problems)
    {
        var files = ReadWatchedFiles(configuration, problems);
        if (NullIfBlank(configuration["GIT_REPO_URL"]) is not { } location)
        {
            if (files is not null) problems.Add("GIT_WATCHED_FILES is set without GIT_REPO_URL: set the repository's URL too.");
            return;
        }

        var next = 0;
        int? withoutLocation = null;
        foreach (var child in configuration.GetSection("PromptWatch:Repositories").GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) continue;
            next = Math.Max(next, index + 1);
            if (string.IsNullOrWhiteSpace(child["Location"]) && (withoutLocation is null || index < withoutLocation)) withoutLocation = index;
        }

        var entry = $"PromptWatch:Repositories:{(withoutLocation ?? next).ToString(CultureInfo.InvariantCulture)}:";
        settings[entry + "Location"] = location;
        if (NullIfBlank(configuration["GIT_BRANCH"]) is { } branch) settings[entry + "Branch"] = branch;
        var username = NullIfBlank(configuration["GIT_USERNAME"]);
        var password = NullIfBlank(configuration["GIT_PASSWORD"]);
        // A token alone is common (GitHub, GitLab): Git wants some user name with it.
        if (password is not null) settings[entry + "Password"] = password;
        if ((username ?? (password is null ? null : "git")) is { } user) settings[entry + "Username"] = user;
        foreach (var file in files ?? []) settings[entry + "Files:" + file.Path] = file.Environment;
    }

    /// <summary><c>GIT_WATCHED_FILES</c>: comma-separated <c>path=environment</c> pairs; <see langword="null"/> when not set.</summary>
    private static List<WatchedFile>? ReadWatchedFiles(IConfiguration configuration, List<string> problems)
    {
        if (NullIfBlank(configuration["GIT_WATCHED_FILES"]) is not { } text) return null;
        var files = new List<WatchedFile>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var file = WatchedFile.Parse(part);
                if (files.Any(f => f.Path == file.Path)) problems.Add($"GIT_WATCHED_FILES names {file.Path} twice.");
                else files.Add(file);
            }
            catch (FormatException)
            {
                problems.Add($"GIT_WATCHED_FILES: '{part}' is not of the form <path>=<environment> (for example chart/values.yaml=base,chart/values-prod.yaml=prod).");
            }
        }

        if (files.Count == 0 && problems.Count == 0) problems.Add("GIT_WATCHED_FILES names no file: write <path>=<environment> pairs separated by commas.");
        return files;
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static string? Trimmed(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } value ? value.Trim() : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
