using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Tests.Diagnostics.Performance;

/// <summary>Bad performance settings fail with messages naming their keys.</summary>
public sealed class PerformanceOptionsValidatorTests
{
    [Fact]
    public void A_bad_baseline_factor_or_cap_is_named()
    {
        var options = new PerformanceOptions { SlowerFactor = 0.5, MaxOperations = 0 };
        options.Baselines["scan"] = -1;

        var result = new PerformanceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("PromptWatch:Performance:Baselines:scan must be a positive number of milliseconds (it is -1).", result.Failures!);
        Assert.Contains(result.Failures!, static f => f.StartsWith("PromptWatch:Performance:SlowerFactor", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, static f => f.StartsWith("PromptWatch:Performance:MaxOperations", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new PerformanceOptionsValidator().Validate(null, new PerformanceOptions()).Succeeded);
    }
}
