using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PromptWatch.Pipelines;

/// <summary>Validates <see cref="PipelineOptions"/> on start; each message names the setting's key.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    private const string Prefix = PipelineOptions.SectionName + ":";
    private const int MaxEnvironmentName = 255;

    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetentionDays is < 1 or > 3650) failures.Add(Format($"{Prefix}RetentionDays must be from 1 to 3650 (it is {options.RetentionDays})."));
        if (options.MaxRuns is < 100 or > 10_000_000) failures.Add(Format($"{Prefix}MaxRuns must be from 100 to 10000000 (it is {options.MaxRuns})."));
        if (options.MaxLogBytes is < 1024 or > 64 * 1024 * 1024) failures.Add(Format($"{Prefix}MaxLogBytes must be from 1024 to 67108864 (it is {options.MaxLogBytes})."));
        if (options.DefaultLookbackDays < 1 || options.DefaultLookbackDays > Math.Max(1, options.RetentionDays))
        {
            failures.Add(Format($"{Prefix}DefaultLookbackDays must be from 1 to {Prefix}RetentionDays (it is {options.DefaultLookbackDays})."));
        }

        if (options.MaxLiveConnections is < 1 or > 10_000) failures.Add(Format($"{Prefix}MaxLiveConnections must be from 1 to 10000 (it is {options.MaxLiveConnections})."));
        if (options.LiveBufferSize is < 16 or > 65_536) failures.Add(Format($"{Prefix}LiveBufferSize must be from 16 to 65536 (it is {options.LiveBufferSize})."));
        for (var i = 0; i < options.RollbackPatterns.Count; i++)
        {
            var pattern = options.RollbackPatterns[i];
            if (string.IsNullOrWhiteSpace(pattern))
            {
                failures.Add(Format($"{Prefix}RollbackPatterns:{i} must be a regular expression."));
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                failures.Add(Format($"{Prefix}RollbackPatterns:{i} is not a valid regular expression: {e.Message}"));
            }
        }

        foreach (var (environment, deployment) in options.Environments)
        {
            if (string.IsNullOrWhiteSpace(environment)) failures.Add($"{Prefix}Environments must not have an empty PromptWatch environment as a key.");
            else if (string.IsNullOrWhiteSpace(deployment)) failures.Add($"{Prefix}Environments:{environment} must name a deployment environment.");
            else if (deployment.Length > MaxEnvironmentName) failures.Add(Format($"{Prefix}Environments:{environment} must be at most {MaxEnvironmentName} characters (it is {deployment.Length})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
