using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Refuses an empty key prefix; the message names the setting.</summary>
internal sealed class RedisPipelineStoreOptionsValidator : IValidateOptions<RedisPipelineStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisPipelineStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(RedisPipelineStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            failures.Add($"{RedisPipelineStoreOptions.SectionName}:KeyPrefix is empty: set a prefix such as 'promptwatch:pipelines:' so that the pipeline store's keys stay apart from others in the same Redis.");
        }

        return failures;
    }
}
