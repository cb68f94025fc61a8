using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Results;
using PromptWatch.S3;

namespace PromptWatch.Hosting;

/// <summary>Reads evaluation results from an S3 bucket.</summary>
public static class S3PromptWatchBuilderExtensions
{
    /// <summary>
    /// Reads evaluation results from an S3 bucket with the AWS SDK (<see cref="AwsS3ResultStore"/>). Options come from
    /// the <c>PromptWatch:S3</c> configuration section, then <paramref name="configure"/>; they are validated when the
    /// host starts. The store is listed every <see cref="S3ResultStoreOptions.RefreshInterval"/>, or on the host's
    /// <c>PromptWatch:ResultsRefreshInterval</c> when that is not set.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddS3EvaluationResults(this IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure = null)
    {
        AddOptions(builder, configure);
        builder.Services.AddSingleton<IEvaluationResultStore>(static provider => new AwsS3ResultStore(
            provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value,
            provider.GetService<ILogger<AwsS3ResultStore>>(),
            provider.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// Reads evaluation results from an S3 bucket with the MinIO client (<see cref="MinioResultStore"/>). Options are
    /// bound and validated as for <see cref="AddS3EvaluationResults"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddMinioEvaluationResults(this IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure = null)
    {
        AddOptions(builder, configure);
        builder.Services.AddSingleton<IEvaluationResultStore>(static provider => new MinioResultStore(
            provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value,
            provider.GetService<ILogger<MinioResultStore>>(),
            provider.GetService<TimeProvider>()));
        return builder;
    }

    private static void AddOptions(IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Configuration is applied once, before any delegate, however often the methods are called.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<S3ResultStoreOptions>, S3ResultStoreOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3ResultStoreOptions>, S3ResultStoreOptionsValidator>());
        var options = services.AddOptions<S3ResultStoreOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        // The layout comes from PromptWatch's own options, once these are configured; the store's listing interval
        // is its own (RefreshInterval), so nothing here writes another package's settings.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<S3ResultStoreOptions>, S3ResultStoreLayoutSetup>());
    }
}
