using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.ResourceMonitoring;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Repositories;

// IResourceMonitor is marked obsolete in favour of the package's observable instruments, but it is the package's only
// reading on demand (the instruments need a MeterListener and a collection cycle); it measures cgroup limits as well.
#pragma warning disable EXTOBS0001

namespace PromptWatch.AspNetCore.Health;

/// <summary>Adds the resource checks (<c>resources:cpu</c>, <c>resources:memory</c>, <c>resources:disk</c>) as <c>PromptWatch:Health:Resources</c> shapes them.</summary>
internal sealed class ResourceHealthCheckRegistrations(IOptions<HealthSettings> health, IOptions<PromptWatchOptions> promptWatch) : IConfigureOptions<HealthCheckServiceOptions>
{
    public const string Name = "resources";

    public static readonly string[] Tags = ["resources"];

    public void Configure(HealthCheckServiceOptions options)
    {
        var settings = health.Value.Resources;
        var registration = settings.HealthChecks;
        var prefix = registration.NameOr(Name);
        var folders = new List<string> { promptWatch.Value.CacheDirectory ?? RepositorySourceOptions.DefaultCacheDirectory };
        folders.AddRange(settings.DataDirectories);
        registration.AddTo(options, prefix + ":cpu", Tags, services => new CpuHealthCheck(services.GetRequiredService<IResourceMonitor>(), settings));
        registration.AddTo(options, prefix + ":memory", Tags, services => new MemoryHealthCheck(services.GetRequiredService<IResourceMonitor>(), settings));
        registration.AddTo(options, prefix + ":disk", Tags, _ => new DiskHealthCheck(folders, settings));
    }
}

/// <summary>Adds one check per <c>PromptWatch:Health:Endpoints:&lt;name&gt;</c>, named <c>endpoint:&lt;name&gt;</c>, with the endpoint's timeout.</summary>
internal sealed class EndpointHealthCheckRegistrations(IOptions<HealthSettings> health) : IConfigureOptions<HealthCheckServiceOptions>
{
    public const string Prefix = "endpoint:";

    public static readonly string[] Tags = ["endpoint"];

    public void Configure(HealthCheckServiceOptions options)
    {
        foreach (var (name, settings) in health.Value.Endpoints)
        {
            options.Registrations.Add(new HealthCheckRegistration(
                Prefix + name,
                services => new EndpointHealthCheck(services.GetRequiredService<IHttpClientFactory>(), settings),
                failureStatus: null,
                tags: settings.Tags ?? Tags,
                timeout: settings.Timeout));
        }
    }
}

/// <summary>Adds the configuration check (<c>configuration</c>) as <c>PromptWatch:Health:Configuration</c> shapes it.</summary>
internal sealed class ConfigurationHealthCheckRegistration(IOptions<HealthSettings> health) : IConfigureOptions<HealthCheckServiceOptions>
{
    public const string Name = "configuration";

    public static readonly string[] Tags = ["configuration"];

    public void Configure(HealthCheckServiceOptions options) =>
        health.Value.Configuration.AddTo(options, Name, Tags, static services => new ConfigurationHealthCheck(services));
}

/// <summary>Gives every check registered without a timeout <c>PromptWatch:Health:CheckTimeout</c> (default 5 s), so a hung check ends alone.</summary>
internal sealed class DefaultHealthCheckTimeout(IOptions<HealthSettings> health) : IPostConfigureOptions<HealthCheckServiceOptions>
{
    public void PostConfigure(string? name, HealthCheckServiceOptions options)
    {
        var timeout = health.Value.CheckTimeout;
        foreach (var registration in options.Registrations)
        {
            if (registration.Timeout == Timeout.InfiniteTimeSpan) registration.Timeout = timeout;
        }
    }
}
