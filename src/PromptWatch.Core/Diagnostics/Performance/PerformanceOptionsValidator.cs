using Microsoft.Extensions.Options;

namespace PromptWatch.Diagnostics.Performance;

/// <summary>Checks <see cref="PerformanceOptions"/> when the host starts; each message names its setting key.</summary>
internal sealed class PerformanceOptionsValidator : IValidateOptions<PerformanceOptions>
{
    public ValidateOptionsResult Validate(string? name, PerformanceOptions options)
    {
        var failures = new List<string>();
        foreach (var (operation, baseline) in options.Baselines)
        {
            if (string.IsNullOrWhiteSpace(operation)) failures.Add($"{PerformanceOptions.SectionName}:Baselines has an empty operation name.");
            else if (!double.IsFinite(baseline) || baseline <= 0) failures.Add($"{PerformanceOptions.SectionName}:Baselines:{operation} must be a positive number of milliseconds (it is {baseline}).");
        }

        if (!double.IsFinite(options.SlowerFactor) || options.SlowerFactor < 1) failures.Add($"{PerformanceOptions.SectionName}:SlowerFactor must be at least 1 (it is {options.SlowerFactor}).");
        if (options.MaxOperations is < 1 or > 1000) failures.Add($"{PerformanceOptions.SectionName}:MaxOperations must be between 1 and 1000 (it is {options.MaxOperations}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
