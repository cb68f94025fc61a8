using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Results;
using PromptWatch.S3;
using PromptWatch.Workspaces;
using PromptWatch.Workspaces.S3;

namespace PromptWatch.Hosting;

/// <summary>Evaluation results of multi-user workspaces from each workspace's own S3 store.</summary>
public static class S3WorkspaceBuilderExtensions
{
    /// <summary>The section of the settings every workspace store shares (region, TLS, time-outs).</summary>
    public const string SectionName = WorkspaceOptions.SectionName + ":S3";

    /// <summary>The name of the <see cref="S3ResultStoreOptions"/> instance that holds those shared settings.</summary>
    public const string OptionsName = "Workspaces";

    /// <summary>
    /// Gives each workspace a result store at <c>PromptWatch:Workspaces:S3Endpoint</c> (its console at <c>S3UiUrl</c>)
    /// with the user's keys from the workspace credential source, read with AWSSDK.S3 or, with
    /// <paramref name="useMinioClient"/>, the MinIO client. Shared settings (<c>Region</c>, <c>VerifyTls</c>,
    /// <c>CaBundlePath</c>, <c>Timeout</c>, <c>PresignedUrlLifetime</c>, <c>MaxListedObjects</c>) bind from
    /// <c>PromptWatch:Workspaces:S3</c>, then <paramref name="configure"/>, into the <see cref="S3ResultStoreOptions"/>
    /// named <see cref="OptionsName"/>; they and the bucket name are validated when the host starts. Workspace stores
    /// are listed every <c>PromptWatch:ResultsRefreshInterval</c>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>, with <c>AddWorkspaces()</c>.</param>
    /// <param name="useMinioClient">Whether to use the MinIO client rather than AWSSDK.S3.</param>
    /// <param name="configure">Sets shared options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddS3WorkspaceResults(this IPromptWatchBuilder builder, bool useMinioClient = false, Action<S3ResultStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3ResultStoreOptions>, S3WorkspaceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkspaceOptions>, S3WorkspaceOptionsValidator>());
        var shared = services.AddOptions<S3ResultStoreOptions>(OptionsName)
            .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(SectionName).Bind(options))
            .ValidateOnStart();
        if (configure is not null) shared.Configure(configure);
        services.TryAddSingleton<IWorkspaceResultStoreFactory>(provider => new S3WorkspaceResultStoreFactory(
            provider.GetRequiredService<IOptionsMonitor<S3ResultStoreOptions>>().Get(OptionsName),
            provider.GetService<EvaluationResultLayout>(),
            useMinioClient,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>()));
        return builder;
    }
}
