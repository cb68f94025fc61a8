using System.Globalization;
using System.Net;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// What GitHub's API answered lately: the rate limit it reports (<c>x-ratelimit-remaining</c>, <c>x-ratelimit-reset</c>),
/// how many requests counted against it (every answer but a 304 to a conditional request) and the last failure, for the
/// reconcile poll's back-off, the health check and the metrics.
/// </summary>
internal sealed class GitHubApiTraffic(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private int? _limit;
    private DateTimeOffset? _reset;
    private long _counted;
    private long _notModified;
    private GitHubApiFailure? _failure;

    /// <summary>Requests answered with anything but 304 (they count against the rate limit).</summary>
    public long Counted => Interlocked.Read(ref _counted);

    /// <summary>Conditional requests answered 304 Not Modified (free).</summary>
    public long NotModified => Interlocked.Read(ref _notModified);

    /// <summary>The rate limit GitHub last reported; nulls before the first answer that carried it.</summary>
    public (int? Remaining, int? Limit, DateTimeOffset? Reset) RateLimit
    {
        get
        {
            lock (_lock) return (_remaining, _limit, _reset);
        }
    }

    /// <summary>The last failure of a request, until a request succeeds again.</summary>
    public GitHubApiFailure? Failure
    {
        get
        {
            lock (_lock) return _failure;
        }
    }

    /// <summary>Takes the rate-limit headers of <paramref name="response"/>.</summary>
    public void Observe(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.NotModified) Interlocked.Increment(ref _notModified);
        else Interlocked.Increment(ref _counted);
        var remaining = Header(response, "x-ratelimit-remaining");
        var limit = Header(response, "x-ratelimit-limit");
        var reset = Header(response, "x-ratelimit-reset");
        if (remaining is null && reset is null) return;
        lock (_lock)
        {
            if (remaining is { } r) _remaining = (int)Math.Clamp(r, 0, int.MaxValue);
            if (limit is { } l) _limit = (int)Math.Clamp(l, 0, int.MaxValue);
            if (reset is { } s) _reset = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(s, 0, 253402300799));
        }
    }

    /// <summary>
    /// When requests should wait for the rate limit's reset: fewer than <paramref name="reserve"/> remain and the
    /// reset is still ahead. <see langword="null"/> when they may go on.
    /// </summary>
    public DateTimeOffset? WaitUntil(int reserve)
    {
        lock (_lock)
        {
            if (_remaining is not { } remaining || remaining >= reserve || _reset is not { } reset) return null;
            return reset > timeProvider.GetUtcNow() ? reset : null;
        }
    }

    public void Failed(GitHubApiFailure failure)
    {
        lock (_lock) _failure = failure;
    }

    public void Succeeded()
    {
        lock (_lock) _failure = null;
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
