using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PromptWatch.Results;
using PromptWatch.S3;
using PromptWatch.Workspaces;

namespace PromptWatch.Hosting;

/// <summary>Evaluation results of multi-user workspaces from each workspace's own S3 store.</summary>
public static class S3WorkspaceBuilderExtensions
{
    /// <summary>The section of the settings every workspace store shares (region, TLS, time-outs).</summary>
    public const string SectionName = WorkspaceOptions.SectionName + ":S3";

    /// <summary>
    /// Gives each workspace a result store at <c>PromptWatch:Workspaces:S3Endpoint</c> (its console at <c>S3UiUrl</c>)
    /// with the user's keys from the workspace credential source, read with AWSSDK.S3 or, with
    /// <paramref name="useMinioClient"/>, the MinIO client. Shared settings (<c>Region</c>, <c>VerifyTls</c>,
    /// <c>CaBundlePath</c>, <c>Timeout</c>, ...) bind from <c>PromptWatch:Workspaces:S3</c>, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>, with <c>AddWorkspaces()</c>.</param>
    /// <param name="useMinioClient">Whether to use the MinIO client rather than AWSSDK.S3.</param>
    /// <param name="configure">Sets shared options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddS3WorkspaceResults(this IPromptWatchBuilder builder, bool useMinioClient = false, Action<S3ResultStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IWorkspaceResultStoreFactory>(provider =>
        {
            var shared = new S3ResultStoreOptions();
            provider.GetService<IConfiguration>()?.GetSection(SectionName).Bind(shared);
            configure?.Invoke(shared);
            return new S3WorkspaceResultStoreFactory(shared, provider.GetService<EvaluationResultLayout>(), useMinioClient, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>());
        });
        return builder;
    }
}
