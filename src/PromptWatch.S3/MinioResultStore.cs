using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;
using PromptWatch.Results;

namespace PromptWatch.S3;

/// <summary>
/// Evaluation results in an S3 bucket, read with the MinIO client (<c>Minio</c>). A listing costs one request per
/// 1000 objects (ListObjectsV2) and never one per object; links are web console pages or presigned URLs. The MinIO
/// client addresses the bucket in the path for every endpoint other than AWS, whatever
/// <see cref="S3ResultStoreOptions.ForcePathStyle"/> says, and checks that an object exists (HEAD) before reading it.
/// </summary>
public sealed class MinioResultStore : IEvaluationResultStore, IEvaluationResultLinks, IDescribedResultStore, IDisposable
{
    private readonly S3StoreCore _core;
    private readonly S3Transport _transport;
    private readonly IMinioClient _client;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Where the bucket is; checked here as on host start.</param>
    /// <param name="logger">Receives warnings (TLS verification off, a capped listing).</param>
    /// <param name="timeProvider">The clock presigned URLs are signed with; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each setting to fix.</exception>
    public MinioResultStore(S3ResultStoreOptions options, ILogger<MinioResultStore>? logger = null, TimeProvider? timeProvider = null)
        : this(options, logger, timeProvider, wrapHandler: null)
    {
    }

    /// <summary>Creates the store with a wrapper around its HTTP handler (tests count requests with it).</summary>
    internal MinioResultStore(S3ResultStoreOptions options, ILogger? logger, TimeProvider? timeProvider, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        _core = new S3StoreCore(options, "Minio", logger, timeProvider);
        _transport = new S3Transport(options, wrapHandler);
        // A set region keeps the client from asking the server for the bucket's location before each first request.
        _client = new MinioClient()
            .WithEndpoint(_core.Endpoint.Host, _core.Endpoint.Port)
            .WithSSL(_core.Endpoint.IsHttps)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithHttpClient(_transport.HttpClient, disposeHttpClient: false)
            .Build();
        // Build() sets a 30-minute time-out on the client; requests answer within the configured one.
        _transport.HttpClient.Timeout = options.Timeout;
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

        // The client hands the body to a callback while the request runs; a pipe turns that into a stream the caller
        // reads at its own pace. The download stops when the caller disposes the stream.
        var pipe = new Pipe();
        var download = new CancellationTokenSource();
        var bodyStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var args = new GetObjectArgs()
            .WithBucket(_core.Options.Bucket)
            .WithObject(key)
            .WithCallbackStream(async (body, token) =>
            {
                bodyStarted.TrySetResult();
                await body.CopyToAsync(pipe.Writer, token).ConfigureAwait(false);
            });
        var transfer = TransferAsync(args, key, pipe.Writer, download.Token);

        try
        {
            using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), download))
            {
                await Task.WhenAny(bodyStarted.Task, transfer).ConfigureAwait(false);
            }

            if (!bodyStarted.Task.IsCompleted && await transfer.ConfigureAwait(false) is { } failure) throw failure;
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            await download.CancelAsync().ConfigureAwait(false);
            download.Dispose();
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            throw;
        }

        return new OwnedReadStream(pipe.Reader.AsStream(), () =>
        {
            download.Cancel();
            download.Dispose();
        });
    }

    /// <summary>Whether view links are console URLs (a UI URL is set), which do not expire.</summary>
    public bool ViewUrlsAreStable => _core.UiUrl is not null;

    /// <inheritdoc />
    public Uri? GetViewUrl(EvaluationResult result, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_core.ConsoleUrl(result.Key) is { } console) return console;
        var args = new PresignedGetObjectArgs()
            .WithBucket(_core.Options.Bucket)
            .WithObject(result.Key)
            .WithExpiry((int)Math.Ceiling(_core.LinkLifetime(lifetime).TotalSeconds))
            .WithRequestDate(_core.TimeProvider.GetUtcNow().UtcDateTime);
        // With the region set, presigning only computes a signature: the task has no request to wait for.
        return new Uri(_client.PresignedGetObjectAsync(args).GetAwaiter().GetResult());
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
        // ListObjectsV2 with max-keys=1000, following continuation tokens.
        var args = new ListObjectsArgs().WithBucket(_core.Options.Bucket).WithRecursive(true);
        await foreach (var item in _client.ListObjectsEnumAsync(args, cancellationToken).ConfigureAwait(false))
        {
            if (!item.IsDir) yield return (item.Key, checked((long)item.Size), item.ETag);
        }
    }

    /// <summary>Runs the download into <paramref name="writer"/>; returns its failure, already described, or <see langword="null"/>.</summary>
    private async Task<Exception?> TransferAsync(GetObjectArgs args, string key, PipeWriter writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await _client.GetObjectAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }
        catch (Exception e)
        {
            failure = _core.ReadFailure(key, e);
        }

        // A reader sees the end of the file, or the failure instead of a silently short file.
        await writer.CompleteAsync(failure is null ? null : new IOException(failure.Message, failure)).ConfigureAwait(false);
        return failure;
    }
}
