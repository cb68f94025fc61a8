using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Binds <see cref="GitHubActionsOptions"/> from <c>PromptWatch:Pipelines:GitHub</c>, then fills what it leaves out from
/// the flat names <c>GITHUB_TOKEN</c>, <c>GITHUB_OWNER</c> + <c>GITHUB_REPO</c> and <c>GITHUB_API_URL</c>.
/// </summary>
internal sealed class GitHubActionsOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<GitHubActionsOptions>
{
    public const string TokenVariable = "GITHUB_TOKEN";
    public const string OwnerVariable = "GITHUB_OWNER";
    public const string RepositoryVariable = "GITHUB_REPO";
    public const string ApiUrlVariable = "GITHUB_API_URL";

    public void Configure(GitHubActionsOptions options)
    {
        if (configuration is null) return;
        configuration.GetSection(GitHubActionsOptions.SectionName).Bind(options);
        if (string.IsNullOrEmpty(options.Token) && configuration[TokenVariable] is { Length: > 0 } token) options.Token = token;
        if (options.Repositories.Count == 0 && configuration[RepositoryVariable] is { Length: > 0 } repositories)
        {
            var owner = configuration[OwnerVariable];
            foreach (var name in repositories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // GITHUB_REPO may already be owner/name (GitHub Actions sets GITHUB_REPOSITORY that way; people copy it).
                options.Repositories.Add(name.Contains('/', StringComparison.Ordinal) || string.IsNullOrEmpty(owner) ? name : $"{owner}/{name}");
            }
        }

        if (configuration.GetSection(GitHubActionsOptions.SectionName)[nameof(GitHubActionsOptions.ApiUrl)] is null
            && configuration[ApiUrlVariable] is { Length: > 0 } apiUrl)
        {
            // Kept as given even when it is no absolute URL: the validator names the variable then.
            options.ApiUrl = Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri) ? uri : new Uri(apiUrl, UriKind.Relative);
        }
    }
}
