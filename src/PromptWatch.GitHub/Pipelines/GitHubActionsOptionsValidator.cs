using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>Refuses options the provider cannot work with; each message names the setting to fix (never its value when it is the token).</summary>
internal sealed class GitHubActionsOptionsValidator : IValidateOptions<GitHubActionsOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubActionsOptions options)
    {
        const string s = GitHubActionsOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{s}:Token is not set: set {GitHubActionsOptionsSetup.TokenVariable} (or {s}:Token) to a token with actions:read, contents:read and metadata:read (actions:write to rerun and cancel).");
        }
        else if (options.Token.Any(char.IsWhiteSpace))
        {
            failures.Add($"{s}:Token holds white space: copy the token again ({GitHubActionsOptionsSetup.TokenVariable}).");
        }

        if (options.Repositories.Count == 0)
        {
            failures.Add($"{s}:Repositories is empty: list owner/name repositories there, or set {GitHubActionsOptionsSetup.OwnerVariable} and {GitHubActionsOptionsSetup.RepositoryVariable}.");
        }

        foreach (var repository in options.Repositories)
        {
            if (GitHubRepositoryName.Parse(repository) is null)
            {
                failures.Add($"{s}:Repositories holds '{repository}', which is no owner/name repository ({GitHubActionsOptionsSetup.RepositoryVariable} without {GitHubActionsOptionsSetup.OwnerVariable} must be owner/name).");
            }
        }

        if (options.Repositories.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Repositories.Count) failures.Add($"{s}:Repositories names a repository twice.");
        if (options.ApiUrl is not { IsAbsoluteUri: true } api || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(api.UserInfo))
        {
            failures.Add($"{s}:ApiUrl ({GitHubActionsOptionsSetup.ApiUrlVariable}) must be an absolute http or https address without user information, such as https://api.github.com.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1)) failures.Add($"{s}:PollInterval must be at least one second.");
        if (options.PollPageSize is < 1 or > 100) failures.Add($"{s}:PollPageSize must be between 1 and 100.");
        if (options.RateLimitReserve < 0) failures.Add($"{s}:RateLimitReserve must not be negative.");
        if (options.RequestTimeout <= TimeSpan.Zero) failures.Add($"{s}:RequestTimeout must be positive.");
        if (options.ResponseCacheSize < 1) failures.Add($"{s}:ResponseCacheSize must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
