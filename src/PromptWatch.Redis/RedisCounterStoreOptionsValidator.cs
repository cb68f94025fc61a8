using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Checks <see cref="RedisCounterStoreOptions"/> when the host starts, so a bad setting stops it with a message naming the setting.</summary>
internal sealed class RedisCounterStoreOptionsValidator : IValidateOptions<RedisCounterStoreOptions>
{
    private const string Section = RedisCounterStoreOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RedisCounterStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each (never the password); empty when they are valid.</summary>
    public static List<string> Check(RedisCounterStoreOptions options)
    {
        var failures = new List<string>();
        if (!RedisConnectionSettings.TryParse(options.Configuration, out _, out var problem))
        {
            failures.Add($"{Section}:Configuration {problem}.");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            failures.Add($"{Section}:KeyPrefix is empty: set a prefix such as 'promptwatch:' so that PromptWatch's keys stay apart from others in the same Redis.");
        }

        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:ConnectTimeout must be between 100 milliseconds and 5 minutes (it is {options.ConnectTimeout}).");
        }

        if (options.OperationTimeout < TimeSpan.FromMilliseconds(100) || options.OperationTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:OperationTimeout must be between 100 milliseconds and 5 minutes (it is {options.OperationTimeout}).");
        }

        if (options.HealthCheckTimeout < TimeSpan.FromMilliseconds(100) || options.HealthCheckTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:HealthCheckTimeout must be between 100 milliseconds and 5 minutes (it is {options.HealthCheckTimeout}).");
        }

        return failures;
    }
}
