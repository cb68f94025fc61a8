using System.Text.RegularExpressions;
using PromptWatch.Parsing;
using Microsoft.Extensions.Options;

namespace PromptWatch.Workspaces;

/// <summary>Checks <see cref="WorkspaceOptions"/> when the host starts, so a bad setting stops it with a clear message.</summary>
internal sealed class WorkspaceOptionsValidator : IValidateOptions<WorkspaceOptions>
{
    /// <summary>The least <see cref="WorkspaceOptions.ViewCacheBytes"/>.</summary>
    internal const long MinViewCacheBytes = 64 * 1024;

    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        const string Section = WorkspaceOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.GitRepoUrl))
        {
            failures.Add($"{Section}:GitRepoUrl is empty: set a template such as https://gitea-gitea.{{cluster}}/{{user}}/canopy-be.git.");
        }
        else
        {
            if (!options.GitRepoUrl.Contains("{user}", StringComparison.Ordinal)) failures.Add($"{Section}:GitRepoUrl must contain {{user}}, or every user would watch one repository.");
            if (WorkspaceAddressing.CheckTemplate(options.GitRepoUrl) is { } problem) failures.Add($"{Section}:GitRepoUrl {problem}.");
        }

        if (!string.IsNullOrWhiteSpace(options.S3Endpoint) && WorkspaceAddressing.CheckTemplate(options.S3Endpoint) is { } s3) failures.Add($"{Section}:S3Endpoint {s3}.");
        if (!string.IsNullOrWhiteSpace(options.S3UiUrl) && WorkspaceAddressing.CheckTemplate(options.S3UiUrl) is { } ui) failures.Add($"{Section}:S3UiUrl {ui}.");
        if (string.IsNullOrWhiteSpace(options.S3Bucket)) failures.Add($"{Section}:S3Bucket is empty.");

        if (LinearRegex.Check(options.UserPattern, RegexOptions.CultureInvariant) is { } userPattern) failures.Add($"{Section}:UserPattern is unusable: {userPattern}");

        for (var i = 0; i < options.AllowedClusters.Count; i++)
        {
            var cluster = options.AllowedClusters[i]?.Trim() ?? string.Empty;
            var host = cluster.StartsWith("*.", StringComparison.Ordinal) ? cluster[2..] : cluster;
            if (host.Length == 0 || Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('*', StringComparison.Ordinal))
            {
                failures.Add($"{Section}:AllowedClusters:{i} ('{cluster}') must be a host name or '*.' and a domain suffix.");
            }
        }

        for (var i = 0; i < options.CredentialWildcards.Count; i++)
        {
            var wildcard = options.CredentialWildcards[i]?.Trim() ?? string.Empty;
            if (!wildcard.StartsWith("*.", StringComparison.Ordinal) || !options.AllowedClusters.Any(c => string.Equals(c?.Trim(), wildcard, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{Section}:CredentialWildcards:{i} ('{wildcard}') must be one of the '*.' entries of {Section}:AllowedClusters.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DefaultCluster) && failures.Count == 0
            && !new WorkspaceAddressing(options).IsAllowedCluster(options.DefaultCluster.ToLowerInvariant()))
        {
            failures.Add($"{Section}:DefaultCluster '{options.DefaultCluster}' is not on {Section}:AllowedClusters.");
        }

        if (options.MaxAlive < 1) failures.Add($"{Section}:MaxAlive must be at least 1 (it is {options.MaxAlive}).");
        if (options.MaxAlivePerUser < 1) failures.Add($"{Section}:MaxAlivePerUser must be at least 1 (it is {options.MaxAlivePerUser}).");
        if (options.MaxCreationsPerUser < 0) failures.Add($"{Section}:MaxCreationsPerUser must be 0 (no limit) or more (it is {options.MaxCreationsPerUser}).");
        if (options.MaxCreations < 0) failures.Add($"{Section}:MaxCreations must be 0 (no limit) or more (it is {options.MaxCreations}).");
        if (options.CreationWindow < TimeSpan.FromSeconds(1)) failures.Add($"{Section}:CreationWindow must be at least one second.");
        if (options.MaxEventStreamsPerWorkspace < 1) failures.Add($"{Section}:MaxEventStreamsPerWorkspace must be at least 1 (it is {options.MaxEventStreamsPerWorkspace}).");
        if (options.MaxEventStreams < 1) failures.Add($"{Section}:MaxEventStreams must be at least 1 (it is {options.MaxEventStreams}).");
        if (options.BusyRetryAfter < TimeSpan.FromSeconds(1)) failures.Add($"{Section}:BusyRetryAfter must be at least one second.");
        if (options.IdleTimeout < TimeSpan.FromSeconds(1)) failures.Add($"{Section}:IdleTimeout must be at least one second.");
        if (options.ViewCacheBytes < MinViewCacheBytes) failures.Add($"{Section}:ViewCacheBytes must be at least 64 KiB ({MinViewCacheBytes}) (it is {options.ViewCacheBytes}).");
        if (options.PollInterval is { } poll && poll < TimeSpan.FromSeconds(1)) failures.Add($"{Section}:PollInterval must be at least one second.");
        foreach (var (path, environment) in options.Files)
        {
            if (string.IsNullOrWhiteSpace(path) || string.IsNullOrWhiteSpace(environment)) failures.Add($"{Section}:Files: every entry needs a path and an environment name.");
        }

        if (options.CredentialSource == WorkspaceCredentialSourceKind.Files && string.IsNullOrWhiteSpace(options.CredentialsDirectory))
        {
            failures.Add($"{Section}:CredentialsDirectory is empty: name the folder of mounted per-user secrets, or choose another CredentialSource.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminRole)) failures.Add($"{Section}:AdminRole is empty.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
