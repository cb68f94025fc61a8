using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;

namespace PromptWatch.Hosting;

/// <summary>Keeps the alerting engine's state in files, so that it survives a restart.</summary>
public static class FileAlertStoreBuilderExtensions
{
    /// <summary>
    /// Replaces the <see cref="IAlertStore"/> (the in-memory default) with a <see cref="FileAlertStore"/> in
    /// <paramref name="folder"/>: rules created through the API, alerts with their acknowledgements, silences and
    /// history survive a restart. One process per folder; replicas share state with the Redis store instead.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="folder">The folder (the host's data folder, or a folder in it), created on first use.</param>
    /// <param name="maxHistory">The most history entries kept (at least 1).</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddFileAlertStore(this IPromptWatchBuilder builder, string folder, int maxHistory = FileAlertStore.DefaultMaxHistory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHistory, 1);
        var services = builder.Services;
        services.RemoveAll<FileAlertStore>();
        services.AddSingleton(provider => new FileAlertStore(folder, maxHistory, provider.GetService<TimeProvider>(), provider.GetService<ILogger<FileAlertStore>>()));
        // Whatever registered a store before (the in-memory default) gives way; later TryAdd calls find this one.
        services.RemoveAll<IAlertStore>();
        services.AddSingleton<IAlertStore>(static provider => provider.GetRequiredService<FileAlertStore>());
        return builder;
    }
}
