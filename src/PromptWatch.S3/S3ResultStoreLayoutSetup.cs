using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Results;

namespace PromptWatch.S3;

/// <summary>
/// Gives <see cref="S3ResultStoreOptions"/> that name no <see cref="S3ResultStoreOptions.Layout"/> the layout
/// <c>AddPromptWatch()</c> registers (its <c>ResultPatterns</c>), after configuration and code have run, so the
/// options are complete when they are first read and nothing is written onto them afterwards.
/// </summary>
internal sealed class S3ResultStoreLayoutSetup(IServiceProvider services) : IPostConfigureOptions<S3ResultStoreOptions>
{
    public void PostConfigure(string? name, S3ResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Layout ??= services.GetService<EvaluationResultLayout>();
    }
}
