using System.Collections.Immutable;

namespace PromptWatch.Hosting;

/// <summary>How the last listings of one evaluation-result store went.</summary>
/// <param name="Index">The store's position among the registered stores.</param>
/// <param name="DisplayName">The store's name, without secrets.</param>
/// <param name="Known">Whether the last listing succeeded, so that "no results" means none (not "could not tell").</param>
/// <param name="LastAttempt">When the last listing ended.</param>
/// <param name="LastSuccess">When the last successful listing ended.</param>
/// <param name="LastError">Why the last listing failed, without secrets.</param>
/// <param name="ConsecutiveFailures">Listings that failed since the last success.</param>
/// <param name="ResultCount">The result files the last successful listing found.</param>
/// <param name="SampleKeys">A few of their keys.</param>
/// <param name="Description">What the store says of itself (endpoint, bucket...), when it can.</param>
public sealed record ResultStoreStatus(
    int Index,
    string DisplayName,
    bool Known,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int ConsecutiveFailures,
    int ResultCount,
    ImmutableArray<string> SampleKeys,
    IReadOnlyDictionary<string, string?> Description);
