using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>The GitHub Actions provider's instruments, on the <c>PromptWatch</c> meter.</summary>
internal sealed class GitHubActionsMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _polls;

    public GitHubActionsMetrics(GitHubApiTraffic traffic, IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _requests = _meter.CreateCounter<long>("promptwatch.github.api.requests", "{request}", "Requests to GitHub's REST API by status code; promptwatch.github.rate_limited=false for the 304 answers to conditional requests, which cost no rate limit.");
        _polls = _meter.CreateCounter<long>("promptwatch.github.polls", "{poll}", "Reconcile polls of a repository by outcome (changed, unchanged, failed, deferred).");
        _meter.CreateObservableGauge<int>(
            "promptwatch.github.rate_limit.remaining",
            () => traffic.RateLimit.Remaining is { } remaining ? [new Measurement<int>(remaining)] : Array.Empty<Measurement<int>>(),
            "{request}",
            "The requests GitHub's rate limit has left, as its last answer reported.");
    }

    public void Request(int statusCode) =>
        _requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode), new KeyValuePair<string, object?>("promptwatch.github.rate_limited", statusCode != 304));

    public void Poll(string outcome) => _polls.Add(1, new KeyValuePair<string, object?>("promptwatch.outcome", outcome));

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
