using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Results;

namespace PromptWatch.Hosting;

/// <summary>Integrations that Core itself provides.</summary>
public static class PromptWatchBuilderExtensions
{
    /// <summary>Reads evaluation results from a local folder laid out as <c>&lt;commit&gt;/&lt;usecase&gt;_results.html</c>.</summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="folder">The folder; a missing folder holds no results.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddLocalFolderResults(this IPromptWatchBuilder builder, string folder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        builder.Services.AddSingleton<IEvaluationResultStore>(provider => new LocalFolderResultStore(folder, provider.GetService<EvaluationResultLayout>()));
        return builder;
    }
}
