using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using PromptWatch.Results;

namespace PromptWatch.S3;

/// <summary>
/// Evaluation results in an S3 bucket, read with the AWS SDK (<c>AWSSDK.S3</c>). A listing costs one request per
/// 1000 objects (ListObjectsV2) and never one per object; links are web console pages or presigned URLs.
/// </summary>
public sealed class AwsS3ResultStore : IEvaluationResultStore, IEvaluationResultLinks, IDescribedResultStore, IDisposable
{
    private const int PageSize = 1000;
    private readonly S3StoreCore _core;
    private readonly S3Transport _transport;
    private readonly AmazonS3Client _client;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Where the bucket is; checked here as on host start.</param>
    /// <param name="logger">Receives warnings (TLS verification off, a capped listing).</param>
    /// <param name="timeProvider">The clock presigned URLs expire by; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each setting to fix.</exception>
    public AwsS3ResultStore(S3ResultStoreOptions options, ILogger<AwsS3ResultStore>? logger = null, TimeProvider? timeProvider = null)
        : this(options, logger, timeProvider, wrapHandler: null)
    {
    }

    /// <summary>Creates the store with a wrapper around its HTTP handler (tests count requests with it).</summary>
    internal AwsS3ResultStore(S3ResultStoreOptions options, ILogger? logger, TimeProvider? timeProvider, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        _core = new S3StoreCore(options, "AWSSDK.S3", logger, timeProvider);
        _transport = new S3Transport(options, wrapHandler);
        var config = new AmazonS3Config
        {
            ServiceURL = _core.Endpoint.Uri.AbsoluteUri,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            UseHttp = !_core.Endpoint.IsHttps,
            Timeout = options.Timeout,
            // The options are the one source of the endpoint: AWS_ENDPOINT_URL and profile files do not move it.
            IgnoreConfiguredEndpointUrls = true,
            HttpClientFactory = new SingleHttpClientFactory(_transport.HttpClient),
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <inheritdoc />
    public string DisplayName => _core.DisplayName;

    /// <inheritdoc />
    public TimeSpan? RefreshInterval => _core.Options.RefreshInterval;

    /// <inheritdoc />
    public Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) => _core.ListAsync(ListObjectsAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken)
    {
        var key = _core.ResultKey(result);
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _core.Options.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw _core.ReadFailure(key, e);
        }

        return new OwnedReadStream(response.ResponseStream, response.Dispose);
    }

    /// <summary>Whether view links are console URLs (a UI URL is set), which do not expire.</summary>
    public bool ViewUrlsAreStable => _core.UiUrl is not null;

    /// <inheritdoc />
    public Uri? GetViewUrl(EvaluationResult result, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_core.ConsoleUrl(result.Key) is { } console) return console;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _core.Options.Bucket,
            Key = result.Key,
            Verb = HttpVerb.GET,
            Protocol = _core.Endpoint.IsHttps ? Protocol.HTTPS : Protocol.HTTP,
            Expires = _core.TimeProvider.GetUtcNow().UtcDateTime + _core.LinkLifetime(lifetime),
        };
        return new Uri(_client.GetPreSignedURL(request));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Describe() => _core.Describe();

    /// <summary>Closes the client and its connections.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _transport.Dispose();
        _core.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => DisplayName;

    private async IAsyncEnumerable<(string Key, long? Size, string? ETag)> ListObjectsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _core.Options.Bucket, MaxKeys = PageSize };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? []) yield return (item.Key, item.Size, item.ETag);

            // A server that says "truncated" without a new token would otherwise be asked for the same page forever.
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken) || page.NextContinuationToken == request.ContinuationToken) yield break;
            request = new ListObjectsV2Request { BucketName = _core.Options.Bucket, MaxKeys = PageSize, ContinuationToken = page.NextContinuationToken };
        }
    }

    /// <summary>Gives the SDK the store's own client every time, so that the SDK's process-wide client cache is never used.</summary>
    private sealed class SingleHttpClientFactory(HttpClient client) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
    }
}
