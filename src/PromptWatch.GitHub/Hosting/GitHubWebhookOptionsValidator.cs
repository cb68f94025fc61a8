using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Counting;

namespace PromptWatch.GitHub.Hosting;

/// <summary>Refuses options that would lose or forge counts; each message names the setting to fix.</summary>
internal sealed class GitHubWebhookOptionsValidator : IValidateOptions<GitHubWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubWebhookOptions options)
    {
        const string s = GitHubWebhookOptions.SectionName;
        var failures = new List<string>();
        if (options.EnableReceiver && string.IsNullOrEmpty(options.Secret) && !options.AllowUnsigned)
        {
            failures.Add($"{s}:Secret is not set: set the webhook secret configured in GitHub (GITHUB_WEBHOOK_SECRET in the sample), or {s}:AllowUnsigned=true to accept unsigned deliveries (for local tests only), or {s}:EnableReceiver=false on a host that does not receive webhooks.");
        }

        if (options.MaxBodyBytes < 1) failures.Add($"{s}:MaxBodyBytes must be positive.");
        if (options.MaxBodyBytes >= Array.MaxLength) failures.Add($"{s}:MaxBodyBytes must be less than {Array.MaxLength} bytes.");
        if (options.MaxConcurrentReceipts < 1) failures.Add($"{s}:MaxConcurrentReceipts must be positive.");
        if (options.QueueCapacity < 1) failures.Add($"{s}:QueueCapacity must be positive.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _)) failures.Add($"{s}:TimeZone '{options.TimeZone}' is not a known time zone (for example UTC or Europe/Berlin).");
        if (options.DeliveryMemory <= TimeSpan.Zero) failures.Add($"{s}:DeliveryMemory must be positive.");
        if (options.TrendRetention < TimeSpan.FromHours(1)) failures.Add($"{s}:TrendRetention must be at least one hour.");
        if (options.WeekRetention < TimeSpan.FromDays(7)) failures.Add($"{s}:WeekRetention must be at least 7 days.");
        if (options.MaxStoreAttempts < 1) failures.Add($"{s}:MaxStoreAttempts must be positive.");
        if (options.DeadLetterCapacity < 1) failures.Add($"{s}:DeadLetterCapacity must be positive.");
        if (options.MaxRetryDelay <= TimeSpan.Zero) failures.Add($"{s}:MaxRetryDelay must be positive.");
        if (string.IsNullOrWhiteSpace(options.KeyPrefix)) failures.Add($"{s}:KeyPrefix must not be empty.");
        Patterns(options.Rules.TestNamePatterns, $"{s}:Rules:TestNamePatterns", failures);
        Patterns(options.Rules.HotfixPatterns, $"{s}:Rules:HotfixPatterns", failures);
        foreach (var glob in options.Rules.SensitiveFiles)
        {
            if (string.IsNullOrWhiteSpace(glob)) failures.Add($"{s}:Rules:SensitiveFiles holds an empty glob.");
        }

        if (options.Alerts.Keep < 1) failures.Add($"{s}:Alerts:Keep must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Patterns(IEnumerable<string> patterns, string setting, List<string> failures)
    {
        foreach (var pattern in patterns)
        {
            if (NamePatterns.Check(pattern) is { } problem) failures.Add($"{setting}: {problem}");
        }
    }
}
