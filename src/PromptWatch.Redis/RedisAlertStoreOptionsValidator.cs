using System.Globalization;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Checks <see cref="RedisAlertStoreOptions"/> when the host starts, so a bad setting stops it with a message naming the setting.</summary>
internal sealed class RedisAlertStoreOptionsValidator : IValidateOptions<RedisAlertStoreOptions>
{
    private const string Section = RedisAlertStoreOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RedisAlertStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each; empty when they are valid.</summary>
    public static List<string> Check(RedisAlertStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            failures.Add($"{Section}:KeyPrefix is empty: set a prefix such as 'promptwatch:alerting:' so that the alert store's keys stay apart from others in the same Redis.");
        }

        if (options.MaxHistory is < 1 or > 1_000_000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxHistory must be between 1 and 1000000 (it is {options.MaxHistory})."));
        }

        return failures;
    }
}
