using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace PromptWatch.Diagnostics;

/// <summary>
/// Calls to what PromptWatch depends on (Git remotes, S3, Redis, alert sinks), on the <c>PromptWatch</c> meter:
/// <c>promptwatch.dependency.duration</c> by dependency, outcome, <c>error.type</c> and HTTP status class, and
/// <c>promptwatch.dependency.auth_failures</c> for refused credentials.
/// </summary>
internal sealed class DependencyMetrics
{
    /// <summary>A Git remote (clone, fetch).</summary>
    public const string Git = "git";

    /// <summary>An S3 result store.</summary>
    public const string S3 = "s3";

    /// <summary>A Redis counter store.</summary>
    public const string Redis = "redis";

    /// <summary>An alert sink (Slack, a JSON webhook).</summary>
    public const string AlertSink = "alert_sink";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _authFailures;

    public DependencyMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _duration = meter.CreateHistogram<double>("promptwatch.dependency.duration", "s", "Duration of calls to dependencies (git, s3, redis, alert_sink), by dependency and outcome.");
        _authFailures = meter.CreateCounter<long>("promptwatch.dependency.auth_failures", "{failure}", "Calls to dependencies refused for their credentials (HTTP 401/403, Git authentication, Redis NOAUTH/WRONGPASS, S3 AccessDenied/InvalidAccessKeyId).");
    }

    /// <summary>Records one call.</summary>
    /// <param name="dependency">One of the constants: <see cref="Git"/>, <see cref="S3"/>, <see cref="Redis"/>, <see cref="AlertSink"/>.</param>
    /// <param name="duration">How long the call took.</param>
    /// <param name="failure">The failure, or <see langword="null"/> when the call succeeded.</param>
    /// <param name="httpStatusCode">The HTTP status code answered, for HTTP dependencies.</param>
    public void Record(string dependency, TimeSpan duration, Exception? failure = null, int? httpStatusCode = null)
    {
        var tags = new TagList
        {
            { "promptwatch.dependency", dependency },
            { "promptwatch.outcome", failure is null ? "success" : "failure" },
        };
        if (failure is not null) tags.Add("error.type", ErrorType(failure));
        if (httpStatusCode is { } status) tags.Add("http.response.status_code", StatusClass(status));
        _duration.Record(duration.TotalSeconds, tags);
        if (IsAuthenticationFailure(failure, httpStatusCode))
        {
            _authFailures.Add(1, new KeyValuePair<string, object?>("promptwatch.dependency", dependency));
        }
    }

    /// <summary>The <c>error.type</c> of <paramref name="failure"/>: the type name of its cause when PromptWatch wrapped it.</summary>
    public static string ErrorType(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure is PromptWatchException { InnerException: { } cause } ? cause.GetType().FullName ?? cause.GetType().Name : failure.GetType().FullName ?? failure.GetType().Name;
    }

    /// <summary>The class of an HTTP status code: <c>2xx</c>, <c>4xx</c>...</summary>
    public static string StatusClass(int statusCode) => string.Create(CultureInfo.InvariantCulture, $"{statusCode / 100}xx");

    private static bool IsAuthenticationFailure(Exception? failure, int? httpStatusCode) =>
        httpStatusCode is 401 or 403 || failure is PromptWatchException { IsAuthenticationFailure: true };
}
