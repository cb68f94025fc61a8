using System.Collections.ObjectModel;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PromptWatch.Diagnostics;
using PromptWatch.Results;

namespace PromptWatch.S3;

/// <summary>
/// What both S3 stores share: checked options, listing into an index (timed as an <c>s3</c> dependency call on the
/// <c>PromptWatch</c> meter), failures, console links and the description.
/// </summary>
internal sealed class S3StoreCore : IDisposable
{
    private readonly Meter _meter = new(PromptWatchTelemetry.MeterName);
    private readonly DependencyMetrics _dependencies;
    private readonly string _clientName;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public S3StoreCore(S3ResultStoreOptions options, string clientName, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (S3ResultStoreOptionsValidator.Check(options) is { Count: > 0 } failures)
        {
            throw new ArgumentException("The S3 result store options are not valid: " + string.Join(" ", failures), nameof(options));
        }

        Options = options;
        Endpoint = S3Endpoint.Parse(options.Endpoint!);
        UiUrl = string.IsNullOrWhiteSpace(options.UiUrl) ? null : new Uri(options.UiUrl.Trim());
        _clientName = clientName;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _dependencies = new DependencyMetrics(_meter);
        DisplayName = $"s3://{options.Bucket} at {Endpoint.Display}";
        if (!options.VerifyTls) S3Log.TlsVerificationOff(_logger, Endpoint.Display);
    }

    public S3ResultStoreOptions Options { get; }

    public S3Endpoint Endpoint { get; }

    public Uri? UiUrl { get; }

    public string DisplayName { get; }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Lists every object from <paramref name="objects"/> (up to the cap) and indexes the result files.</summary>
    public async Task<EvaluationResultIndex> ListAsync(IAsyncEnumerable<(string Key, long? Size, string? ETag)> objects, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var results = new List<EvaluationResult>();
        var listed = 0;
        try
        {
            await foreach (var (key, size, etag) in objects.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (listed == Options.MaxListedObjects)
                {
                    S3Log.ListingCapped(_logger, DisplayName, Options.MaxListedObjects);
                    break;
                }

                listed++;
                if ((Options.Layout ?? EvaluationResultLayout.Default).ClassifyListed(key, size, etag) is { } result) results.Add(result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var failure = e as PromptWatchException ?? S3Failures.Describe("list", Endpoint, Options, e);
            _dependencies.Record(DependencyMetrics.S3, _timeProvider.GetElapsedTime(started), failure);
            throw failure;
        }

        _dependencies.Record(DependencyMetrics.S3, _timeProvider.GetElapsedTime(started));

        S3Log.Listed(_logger, listed, DisplayName, results.Count, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new EvaluationResultIndex(results);
    }

    /// <summary>The key of <paramref name="result"/>, when it is a result file of the layout.</summary>
    /// <exception cref="FileNotFoundException">It is not.</exception>
    public string ResultKey(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if ((Options.Layout ?? EvaluationResultLayout.Default).Classify(result.Key) is null) throw new FileNotFoundException("Not a result file of this store.", result.Key);
        return result.Key;
    }

    /// <summary>Turns a failed read of <paramref name="key"/> into a missing file or a clear failure.</summary>
    public Exception ReadFailure(string key, Exception exception) => S3Failures.IsMissingObject(exception)
        ? new FileNotFoundException($"The result file '{key}' is not in the S3 bucket '{Options.Bucket}' at {Endpoint.Display}.", key, exception)
        : S3Failures.Describe($"read '{key}' from", Endpoint, Options, exception);

    /// <summary>The web console's page of <paramref name="key"/>, when a console is set.</summary>
    public Uri? ConsoleUrl(string key)
    {
        if (UiUrl is null) return null;
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{UiUrl.AbsoluteUri.TrimEnd('/')}/browser/{Uri.EscapeDataString(Options.Bucket)}/{path}");
    }

    /// <summary>How long a presigned URL stays valid: the store's own lifetime when set, else <paramref name="requested"/> (the host's).</summary>
    public TimeSpan LinkLifetime(TimeSpan requested)
    {
        var lifetime = Options.PresignedUrlLifetime ?? requested;
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, TimeSpan.FromDays(7));
        return lifetime;
    }

    public IReadOnlyDictionary<string, string?> Describe() => new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["endpoint"] = Endpoint.Display,
        ["bucket"] = Options.Bucket,
        ["ui_url"] = UiUrl?.AbsoluteUri,
        ["region"] = Options.Region,
        ["client"] = _clientName,
        ["verify_tls"] = Options.VerifyTls ? "true" : "false",
        ["ca_bundle"] = string.IsNullOrWhiteSpace(Options.CaBundlePath) ? null : Options.CaBundlePath,
        ["path_style"] = Options.ForcePathStyle ? "true" : "false",
        ["presigned_url_lifetime_seconds"] = Options.PresignedUrlLifetime?.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>Disposes the store's meter.</summary>
    public void Dispose() => _meter.Dispose();
}
