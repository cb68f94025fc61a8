using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Results;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.S3.Tests;

/// <summary>
/// What every S3 result store does against a real S3 server (Ceph radosgw): run once per store by the derived classes.
/// Each test has a bucket of its own.
/// </summary>
public abstract class S3ResultStoreContractTests : IAsyncLifetime
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string OtherSha = "fedcba9876543210fedcba9876543210fedcba98";
    private TestBucket? _bucket;

    /// <summary>The bucket of this test.</summary>
    private protected TestBucket Bucket => _bucket ?? throw new InvalidOperationException("The bucket is created before each test.");

    /// <summary>The value <see cref="IDescribedResultStore.Describe"/> gives for <c>client</c>.</summary>
    protected abstract string ClientName { get; }

    /// <summary>Creates the store under test, optionally with a wrapper around its HTTP handler.</summary>
    private protected abstract IEvaluationResultStore CreateStore(S3ResultStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null);

    /// <summary>Registers the store under test on a PromptWatch builder.</summary>
    private protected abstract IPromptWatchBuilder Register(IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure);

    public async Task InitializeAsync() => _bucket = await TestBucket.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_bucket is not null) await _bucket.DisposeAsync();
    }

    [Fact]
    public async Task Every_layout_is_listed_under_short_full_and_longer_abbreviations_and_other_files_are_ignored()
    {
        var files = new Dictionary<string, string>
        {
            [$"{Sha[..7]}/summarize_results.html"] = "<html>evaluation of summarize</html>",
            [$"{Sha}/translate_results.html"] = "<html>evaluation of translate, full sha</html>",
            [$"{Sha[..12]}/chat.html"] = "<html>chat</html>",
            [$"{Sha[..7]}/chat-benchmark-results.html"] = "<html>chat benchmark</html>",
            [$"{Sha[..10]}/benchmark-results.html"] = "<html>benchmark</html>",
            [$"guidellm-benchmarks/{Sha}/benchmark-results.html"] = "<html>guidellm</html>",
            [$"{Sha[..7]}/release notes+draft.html"] = "<html>another page, a space and a plus in its name</html>",
            [$"{Sha[..7]}/extra/notes.html"] = "<html>a page one folder down</html>",
            [$"{OtherSha[..7]}/summarize_results.html"] = "<html>another commit</html>",
        };
        var ignored = new[]
        {
            $"{Sha[..7]}/summary.json",
            $"{Sha[..7]}/summarize_results.html.bak",
            $"{Sha[..7]}/deeper/still/summarize_results.html",
            $"reports/{Sha[..7]}/summarize_results.html",
            $"{Sha[..6]}/summarize_results.html",
            "README.md",
            "index.html",
        };
        foreach (var (key, content) in files) await Bucket.PutAsync(key, content);
        foreach (var key in ignored) await Bucket.PutAsync(key, "not a result");
        using var store = Open(S3TestServer.Options(Bucket.Name));

        var index = await store.ListAsync();

        Assert.Equal(files.Count, index.Count);
        var found = index.Find(Sha);
        (string Key, EvaluationResultKind Kind, string? UseCase)[] expected =
        [
            ($"{Sha[..7]}/summarize_results.html", EvaluationResultKind.Evaluation, "summarize"),
            ($"{Sha}/translate_results.html", EvaluationResultKind.Evaluation, "translate"),
            ($"{Sha[..7]}/chat-benchmark-results.html", EvaluationResultKind.Benchmark, "chat"),
            ($"{Sha[..10]}/benchmark-results.html", EvaluationResultKind.Benchmark, null),
            ($"guidellm-benchmarks/{Sha}/benchmark-results.html", EvaluationResultKind.Benchmark, null),
            ($"{Sha[..7]}/release notes+draft.html", EvaluationResultKind.Benchmark, "release notes+draft"),
            ($"{Sha[..12]}/chat.html", EvaluationResultKind.Benchmark, "chat"),
            ($"{Sha[..7]}/extra/notes.html", EvaluationResultKind.Other, null),
        ];
        // Evaluations first, then benchmarks, then others; by key within a kind.
        Assert.Equal(
            expected.OrderBy(static e => e.Kind).ThenBy(static e => e.Key, StringComparer.Ordinal),
            found.Select(static r => (r.Key, r.Kind, r.UseCase)));
        Assert.All(found, r => Assert.Equal(Encoding.UTF8.GetByteCount(files[r.Key]), r.Size));
        Assert.Equal([$"{OtherSha[..7]}/summarize_results.html"], index.Find(OtherSha).Select(static r => r.Key));
    }

    [Fact]
    public async Task Thousands_of_objects_are_listed_completely_with_one_request_per_thousand_and_no_head()
    {
        const int Results = 2_500;
        const int Others = 100;
        var keys = Enumerable.Range(0, Results).Select(static i => $"{i:x7}/uc{i % 5}_results.html")
            .Concat(Enumerable.Range(0, Others).Select(static i => $"{i:x7}/data.json"))
            .ToList();
        await Bucket.PutManyAsync(keys);
        CountingHandler? counter = null;
        using var store = Open(S3TestServer.Options(Bucket.Name), inner => counter = new CountingHandler(inner));

        var index = await store.ListAsync();

        Assert.Equal(Results, index.Count);
        Assert.Equal(["00009c3/uc4_results.html"], index.Find("00009c3" + new string('0', 33)).Select(static r => r.Key));
        Assert.NotNull(counter);
        var expectedPages = (int)Math.Ceiling((Results + Others) / 1000.0);
        Assert.True(
            counter.ListRequests == expectedPages && counter.HeadRequests == 0 && counter.Total == expectedPages,
            $"Expected {expectedPages} list requests and nothing else, got:{Environment.NewLine}{string.Join(Environment.NewLine, counter.Requests)}");
    }

    [Fact]
    public async Task A_bucket_of_exactly_one_full_page_is_listed_completely_with_at_most_one_empty_page_more()
    {
        await Bucket.PutManyAsync(Enumerable.Range(0, 1000).Select(static i => $"{i:x7}/uc_results.html"));
        CountingHandler? counter = null;
        using var store = Open(S3TestServer.Options(Bucket.Name), inner => counter = new CountingHandler(inner));

        var index = await store.ListAsync();

        Assert.Equal(1000, index.Count);
        Assert.NotNull(counter);
        // Ceph 16 answers a full last page as truncated, with a continuation token, so the client has to ask once more
        // and gets an empty page; AWS S3 says the page is the last one.
        Assert.True(
            counter.ListRequests is 1 or 2 && counter.HeadRequests == 0 && counter.Total == counter.ListRequests,
            $"Expected one or two list requests and nothing else, got:{Environment.NewLine}{string.Join(Environment.NewLine, counter.Requests)}");
    }

    [Fact]
    public async Task A_result_is_read_whole_and_a_deleted_one_is_a_missing_file()
    {
        var key = $"{Sha[..7]}/summarize_results.html";
        // Larger than the buffers between the client and the reader, so the body arrives in many pieces.
        var content = Encoding.UTF8.GetBytes("<html>" + string.Concat(Enumerable.Range(0, 40_000).Select(static i => $"<p>{i}</p>")) + "</html>");
        await Bucket.PutAsync(key, content);
        using var store = Open(S3TestServer.Options(Bucket.Name));
        var results = store.Store;
        var result = Assert.Single((await store.ListAsync()).Find(Sha));

        await using (var stream = await results.OpenReadAsync(result, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        await Bucket.DeleteAsync(key);
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => results.OpenReadAsync(result, CancellationToken.None));
        Assert.Contains(key, missing.Message, StringComparison.Ordinal);
        Assert.Contains(Bucket.Name, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_score_file_is_listed_as_its_commits_scores_with_the_ETag_as_its_version_which_changes_when_it_is_rewritten()
    {
        var key = $"{Sha[..7]}/summarize_results.json";
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", "<html>report</html>");
        await Bucket.PutAsync(key, """{"metrics": {"faithfulness": 0.82, "latency_ms": {"value": 930, "direction": "lower"}}}""");
        using var store = Open(S3TestServer.Options(Bucket.Name));

        var scores = Assert.Single((await store.ListAsync()).Find(Sha), static r => r.Kind == EvaluationResultKind.Scores);
        Assert.Equal((key, "summarize"), (scores.Key, scores.UseCase));
        Assert.False(string.IsNullOrEmpty(scores.Version), "The listing gives the object's ETag as its version.");
        var file = await ReadScoresAsync(store.Store, scores);
        Assert.Null(file.Error);
        Assert.Equal([("faithfulness", 0.82, ScoreDirection.Higher), ("latency_ms", 930, ScoreDirection.Lower)], file.Metrics.Select(static m => (m.Name, m.Value, m.Direction)));

        // Listed again unchanged: the same version (the cache keeps what it read); rewritten: another one.
        Assert.Equal(scores.Version, Assert.Single((await store.ListAsync()).Find(Sha), static r => r.Kind == EvaluationResultKind.Scores).Version);
        await Bucket.PutAsync(key, """{"metrics": {"faithfulness": 0.71}}""");
        var rewritten = Assert.Single((await store.ListAsync()).Find(Sha), static r => r.Kind == EvaluationResultKind.Scores);
        Assert.NotEqual(scores.Version, rewritten.Version);
        Assert.Equal(0.71, Assert.Single((await ReadScoresAsync(store.Store, rewritten)).Metrics).Value);
    }

    private static async Task<ScoreFile> ReadScoresAsync(IEvaluationResultStore store, EvaluationResult result)
    {
        await using var stream = await store.OpenReadAsync(result, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return ScoreFileReader.Parse(copy.ToArray());
    }

    [Fact]
    public async Task A_key_outside_the_layout_is_not_read()
    {
        await Bucket.PutAsync("secrets.txt", "not a result");
        using var store = Open(S3TestServer.Options(Bucket.Name));
        var forged = new EvaluationResult("secrets.txt", Sha[..7], null, EvaluationResultKind.Other, "secrets", null);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.Store.OpenReadAsync(forged, CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_secret_key_fails_clearly_and_the_secret_appears_nowhere_in_the_exception()
    {
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", "<html></html>");
        var options = S3TestServer.Options(Bucket.Name);
        options.SecretKey = "WrongSecret-" + Guid.NewGuid().ToString("N");
        using var store = Open(options);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        var everything = failure.ToString();
        Assert.DoesNotContain(options.SecretKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.SecretKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.AccessKey, failure.Message, StringComparison.Ordinal);
        Assert.Contains(EndpointDisplay(S3TestServer.Endpoint), failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'{Bucket.Name}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("secret key", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_access_key_fails_clearly()
    {
        var options = S3TestServer.Options(Bucket.Name);
        options.AccessKey = "NOSUCHKEY" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
        using var store = Open(options);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        Assert.Contains("access key", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"'{Bucket.Name}'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.SecretKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_fails_clearly()
    {
        var missing = TestBucket.RandomName("pw-missing");
        using var store = Open(S3TestServer.Options(missing));

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        Assert.Equal($"Could not list the S3 bucket '{missing}' at {EndpointDisplay(S3TestServer.Endpoint)}: the bucket does not exist (check Bucket, or create the bucket).", failure.Message);
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_fast_and_clearly()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = S3TestServer.Options(Bucket.Name);
        options.Endpoint = $"http://127.0.0.1:{port}";
        // "Fast" means without waiting for the time-out: a long one, so that the bound below, generous for a busy
        // machine (the first call of a store also loads and compiles the client), still tells the two apart.
        options.Timeout = TimeSpan.FromMinutes(2);
        using var store = Open(options);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Failing took {clock.Elapsed}.");
        Assert.StartsWith($"Could not list the S3 bucket '{Bucket.Name}' at http://127.0.0.1:{port}: the endpoint could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_times_out_clearly()
    {
        await using var silent = LoopbackServer.Silent();
        var options = S3TestServer.Options(Bucket.Name);
        options.Endpoint = $"http://127.0.0.1:{silent.Port}";
        options.Timeout = TimeSpan.FromSeconds(1);
        using var store = Open(options);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Failing took {clock.Elapsed}.");
        Assert.Equal($"Could not list the S3 bucket '{Bucket.Name}' at http://127.0.0.1:{silent.Port}: the server did not answer within 1 seconds (Timeout).", failure.Message);
    }

    [Fact]
    public async Task A_cancelled_listing_is_a_cancellation_not_a_failure()
    {
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", "<html></html>");
        using var store = Open(S3TestServer.Options(Bucket.Name));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Store.ListAsync(cancelled.Token));
    }

    [Fact]
    public async Task A_result_read_in_part_can_be_closed_and_read_again()
    {
        var content = Encoding.UTF8.GetBytes(new string('x', 1_000_000));
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", content);
        using var store = Open(S3TestServer.Options(Bucket.Name));
        var result = Assert.Single((await store.ListAsync()).Find(Sha));

        for (var i = 0; i < 3; i++)
        {
            await using var partly = await store.Store.OpenReadAsync(result, CancellationToken.None);
            Assert.Equal(100, await partly.ReadAtLeastAsync(new byte[100], 100));
        }

        await using var whole = await store.Store.OpenReadAsync(result, CancellationToken.None);
        using var copy = new MemoryStream();
        await whole.CopyToAsync(copy);
        Assert.Equal(content.Length, copy.Length);
    }

    [Fact]
    public async Task Over_https_a_certificate_of_an_unknown_ca_is_refused_clearly()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var certificate = TestCertificates.CreateServerCertificate(ca, "127.0.0.1");
        await using var server = LoopbackServer.Tls(certificate);
        using var store = Open(HttpsOptions(server.Port));

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => store.ListAsync());

        Assert.StartsWith($"Could not list the S3 bucket 'results' at https://127.0.0.1:{server.Port}: the TLS certificate of the endpoint was not accepted", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CaBundlePath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_a_ca_bundle_makes_a_private_certificate_trusted()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var certificate = TestCertificates.CreateServerCertificate(ca, "127.0.0.1");
        await using var server = LoopbackServer.Tls(certificate);
        var bundle = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(bundle, ca.ExportCertificatePem());
            var options = HttpsOptions(server.Port);
            options.CaBundlePath = bundle;
            using var store = Open(options);

            var index = await store.ListAsync();

            Assert.Equal([LoopbackServer.Key], index.Find(Sha).Select(static r => r.Key));
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task Over_https_with_verification_off_any_certificate_is_accepted()
    {
        using var ca = TestCertificates.CreateCa("PromptWatch Test CA");
        using var certificate = TestCertificates.CreateServerCertificate(ca, "somewhere-else.example");
        await using var server = LoopbackServer.Tls(certificate);
        var options = HttpsOptions(server.Port);
        options.VerifyTls = false;
        using var store = Open(options);

        var index = await store.ListAsync();

        Assert.Equal(1, index.Count);
    }

    [Fact]
    public async Task With_a_console_url_links_open_the_console_page_of_the_result()
    {
        await Bucket.PutAsync($"{Sha[..7]}/release notes+draft.html", "<html></html>");
        var options = S3TestServer.Options(Bucket.Name);
        options.UiUrl = "https://console.example.com/";
        using var store = Open(options);
        var result = Assert.Single((await store.ListAsync()).Find(Sha));

        var url = store.Links.GetViewUrl(result, TimeSpan.FromMinutes(15));

        Assert.Equal($"https://console.example.com/browser/{Bucket.Name}/{Sha[..7]}/release%20notes%2Bdraft.html", url?.AbsoluteUri);
    }

    [Fact]
    public async Task Without_a_console_url_links_are_presigned_urls_that_download_the_result()
    {
        var content = "<html>presigned</html>";
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", content);
        using var store = Open(S3TestServer.Options(Bucket.Name));
        var result = Assert.Single((await store.ListAsync()).Find(Sha));

        var url = store.Links.GetViewUrl(result, TimeSpan.FromMinutes(5));

        Assert.NotNull(url);
        Assert.StartsWith(S3TestServer.Endpoint.TrimEnd('/') + "/", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.SecretKey, url.AbsoluteUri, StringComparison.Ordinal);
        using var plain = new HttpClient();
        Assert.Equal(content, await plain.GetStringAsync(url));
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData(3600, 3600)]
    public async Task Presigned_links_live_as_long_as_the_store_says_or_else_as_long_as_the_host_asks(int? storeSeconds, int expectedSeconds)
    {
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", "<html></html>");
        var options = S3TestServer.Options(Bucket.Name);
        options.PresignedUrlLifetime = storeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        using var store = Open(options);
        var result = Assert.Single((await store.ListAsync()).Find(Sha));

        var url = store.Links.GetViewUrl(result, TimeSpan.FromMinutes(5));

        Assert.NotNull(url);
        Assert.Contains($"X-Amz-Expires={expectedSeconds}&", url.Query + "&", StringComparison.Ordinal);
        Assert.Equal(storeSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Described.Describe()["presigned_url_lifetime_seconds"]);
    }

    [Fact]
    public void The_description_names_the_store_and_never_a_key()
    {
        var options = S3TestServer.Options(Bucket.Name);
        options.UiUrl = "https://console.example.com";
        using var store = Open(options);

        var description = store.Described.Describe();

        Assert.Equal(EndpointDisplay(S3TestServer.Endpoint), description["endpoint"]);
        Assert.Equal(Bucket.Name, description["bucket"]);
        Assert.Equal("https://console.example.com/", description["ui_url"]);
        Assert.Equal("us-east-1", description["region"]);
        Assert.Equal(ClientName, description["client"]);
        Assert.Equal("true", description["verify_tls"]);
        var everything = string.Join("\n", description.Select(static pair => pair.Key + "=" + pair.Value)) + "\n" + store.Store.DisplayName;
        Assert.DoesNotContain(S3TestServer.SecretKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.AccessKey, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_through_the_builder_with_its_section_it_lists_the_bucket()
    {
        await Bucket.PutAsync($"{Sha[..7]}/summarize_results.html", "<html></html>");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:S3:Endpoint"] = S3TestServer.Endpoint,
            ["PromptWatch:S3:AccessKey"] = S3TestServer.AccessKey,
            ["PromptWatch:S3:SecretKey"] = S3TestServer.SecretKey,
            ["PromptWatch:S3:Bucket"] = Bucket.Name,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        Register(services.AddPromptWatch(static o => o.Repositories.Add(new() { Location = "/unused" })), static o => o.PresignedUrlLifetime = TimeSpan.FromMinutes(1));
        await using var provider = services.BuildServiceProvider();

        var store = Assert.Single(provider.GetServices<IEvaluationResultStore>());
        var index = await store.ListAsync(CancellationToken.None);

        Assert.Equal(ClientName, ((IDescribedResultStore)store).Describe()["client"]);
        Assert.Equal(1, index.Count);
        Assert.Same(store, provider.GetServices<IEvaluationResultStore>().Single());
    }

    private StoreUnderTest Open(S3ResultStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) => new(CreateStore(options, wrapHandler));

    private static S3ResultStoreOptions HttpsOptions(int port) => new()
    {
        Endpoint = $"https://127.0.0.1:{port}",
        AccessKey = "loopback-access",
        SecretKey = "loopback-secret",
        // A bound for "does not hang": a TLS handshake on a busy machine can take seconds.
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string EndpointDisplay(string endpoint) => new Uri(endpoint).GetLeftPart(UriPartial.Authority);
}

/// <summary>A store under test, with the views the contract uses.</summary>
internal sealed class StoreUnderTest(IEvaluationResultStore store) : IDisposable
{
    public IEvaluationResultStore Store => store;

    public IEvaluationResultLinks Links => (IEvaluationResultLinks)store;

    public IDescribedResultStore Described => (IDescribedResultStore)store;

    public Task<EvaluationResultIndex> ListAsync() => store.ListAsync(CancellationToken.None);

    public void Dispose() => ((IDisposable)store).Dispose();
}

/// <summary>The contract, with the AWS SDK.</summary>
public sealed class AwsS3ResultStoreTests : S3ResultStoreContractTests
{
    protected override string ClientName => "AWSSDK.S3";

    private protected override IEvaluationResultStore CreateStore(S3ResultStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) =>
        new AwsS3ResultStore(options, logger: null, timeProvider: null, wrapHandler);

    private protected override IPromptWatchBuilder Register(IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure) => builder.AddS3EvaluationResults(configure);
}

/// <summary>The contract, with the MinIO client.</summary>
public sealed class MinioResultStoreTests : S3ResultStoreContractTests
{
    protected override string ClientName => "Minio";

    private protected override IEvaluationResultStore CreateStore(S3ResultStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) =>
        new MinioResultStore(options, logger: null, timeProvider: null, wrapHandler);

    private protected override IPromptWatchBuilder Register(IPromptWatchBuilder builder, Action<S3ResultStoreOptions>? configure) => builder.AddMinioEvaluationResults(configure);
}
