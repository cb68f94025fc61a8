using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Results;

namespace PromptWatch.AspNetCore.Health;

/// <summary>What a host has configured, without any secret: for the configuration check and <c>/info</c>.</summary>
internal sealed record ConfiguredFeatures(
    int Repositories,
    IReadOnlyList<string> ResultStores,
    bool S3,
    bool Redis,
    bool GitHubReceiver,
    bool Workspaces,
    int EndpointChecks)
{
    public static ConfiguredFeatures Read(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = services.GetService<IOptions<PromptWatchOptions>>()?.Value;
        return new ConfiguredFeatures(
            options?.Repositories.Count ?? 0,
            [.. services.GetServices<IEvaluationResultStore>().Select(static store => store.DisplayName)],
            IsSet(configuration, "PromptWatch:S3:Endpoint") || IsSet(configuration, "PromptWatch:S3:Bucket"),
            IsSet(configuration, "PromptWatch:Redis:Configuration"),
            IsSet(configuration, "PromptWatch:GitHub:Secret"),
            configuration.GetValue<bool>("PromptWatch:Workspaces:Enabled"),
            configuration.GetSection(HealthSettings.SectionName + ":Endpoints").GetChildren().Count());
    }

    public Dictionary<string, object> ToData() => new(StringComparer.Ordinal)
    {
        ["repositories"] = Repositories,
        ["result_stores"] = ResultStores,
        ["s3"] = S3,
        ["redis"] = Redis,
        ["github_receiver"] = GitHubReceiver,
        ["workspaces"] = Workspaces,
        ["endpoint_checks"] = EndpointChecks,
    };

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
