using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.S3.Tests;

/// <summary>Not run beside other tests: every store records to a <c>PromptWatch</c> meter of its own, which a collector cannot tell apart.</summary>
[CollectionDefinition(nameof(S3DependencyMetricsTests), DisableParallelization = true)]
public sealed class S3DependencyMetricsTestGroup;

/// <summary>A store's listing is timed as an <c>s3</c> dependency call; an unknown access key counts as an auth failure.</summary>
[Collection(nameof(S3DependencyMetricsTests))]
public sealed class S3DependencyMetricsTests : IAsyncLifetime
{
    private TestBucket? _bucket;

    public static TheoryData<string> Clients => ["aws", "minio"];

    public async Task InitializeAsync() => _bucket = await TestBucket.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_bucket is not null) await _bucket.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task A_listing_is_a_successful_s3_call(string client)
    {
        using var durations = new MetricCollector<double>(null, "PromptWatch", "promptwatch.dependency.duration");
        using var store = Create(client, S3TestServer.Options(_bucket!.Name));

        await ((Results.IEvaluationResultStore)store).ListAsync(CancellationToken.None);

        var call = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("s3", call.Tags["promptwatch.dependency"]);
        Assert.Equal("success", call.Tags["promptwatch.outcome"]);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task An_unknown_access_key_is_an_auth_failure(string client)
    {
        using var durations = new MetricCollector<double>(null, "PromptWatch", "promptwatch.dependency.duration");
        using var authFailures = new MetricCollector<long>(null, "PromptWatch", "promptwatch.dependency.auth_failures");
        var options = S3TestServer.Options(_bucket!.Name);
        options.AccessKey = "NOSUCHKEY" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
        using var store = Create(client, options);

        await Assert.ThrowsAsync<PromptWatchException>(() => ((Results.IEvaluationResultStore)store).ListAsync(CancellationToken.None));

        var call = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("failure", call.Tags["promptwatch.outcome"]);
        Assert.NotNull(call.Tags["error.type"]);
        Assert.Equal("s3", Assert.Single(authFailures.GetMeasurementSnapshot()).Tags["promptwatch.dependency"]);
    }

    private static IDisposable Create(string client, S3ResultStoreOptions options) => client == "minio"
        ? new MinioResultStore(options, logger: null, timeProvider: null)
        : new AwsS3ResultStore(options, logger: null, timeProvider: null);
}
