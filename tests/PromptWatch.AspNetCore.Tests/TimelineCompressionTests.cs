using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// <c>api/changes</c> in the encoding the client prefers: the whole timeline from bytes compressed once per snapshot,
/// with an ETag per encoding; pages and filtered results compressed per response.
/// </summary>
public sealed class TimelineCompressionTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly PromptWatchHost _host;

    public TimelineCompressionTests()
    {
        for (var i = 0; i < 6; i++)
        {
            _repository.Set(i % 2 == 0 ? "test" : "prod", "summarize", "gpt-4o-mini", $"Summarize the text.\nKeep {i} numbers exact.", message: $"summarize: version {i}");
        }

        _host = new PromptWatchHost(_repository.Path);
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("*;q=0.5, br;q=0", "gzip")]
    [InlineData("identity;q=1, gzip;q=0.5", null)]
    [InlineData("deflate", null)]
    [InlineData(null, null)]
    public async Task The_whole_timeline_comes_in_the_preferred_encoding_with_the_same_content(string? acceptEncoding, string? expected)
    {
        using var client = await _host.StartAsync();
        var plain = await client.GetByteArrayAsync(new Uri("api/changes", UriKind.Relative));

        using var response = await GetAsync(client, "api/changes", acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(plain, Decode(body, expected));
        if (expected is not null) Assert.True(body.Length < plain.Length, $"{body.Length} compressed bytes of {plain.Length}");
    }

    [Fact]
    public async Task Each_encoding_has_its_own_etag_and_answers_304_only_to_it()
    {
        using var client = await _host.StartAsync();
        using var brotli = await GetAsync(client, "api/changes", "br");
        using var gzip = await GetAsync(client, "api/changes", "gzip");
        using var plain = await GetAsync(client, "api/changes", null);
        var tags = new[] { brotli, gzip, plain }.Select(static r => r.Headers.ETag!.Tag).ToList();
        Assert.Equal(3, tags.Distinct(StringComparer.Ordinal).Count());

        using var brotliAgain = await GetAsync(client, "api/changes", "br", tags[0]);
        Assert.Equal(HttpStatusCode.NotModified, brotliAgain.StatusCode);
        Assert.Contains("Accept-Encoding", brotliAgain.Headers.Vary);
        using var gzipAgain = await GetAsync(client, "api/changes", "gzip", tags[1]);
        Assert.Equal(HttpStatusCode.NotModified, gzipAgain.StatusCode);
        using var plainAgain = await GetAsync(client, "api/changes", null, tags[2]);
        Assert.Equal(HttpStatusCode.NotModified, plainAgain.StatusCode);

        // A tag of another encoding does not match: the client gets the representation it asked for.
        using var gzipWithBrotliTag = await GetAsync(client, "api/changes", "gzip", tags[0]);
        Assert.Equal(HttpStatusCode.OK, gzipWithBrotliTag.StatusCode);
        Assert.Equal(["gzip"], gzipWithBrotliTag.Content.Headers.ContentEncoding);
        using var plainWithGzipTag = await GetAsync(client, "api/changes", null, tags[1]);
        Assert.Equal(HttpStatusCode.OK, plainWithGzipTag.StatusCode);
        Assert.Empty(plainWithGzipTag.Content.Headers.ContentEncoding);

        // A new snapshot changes every tag.
        _repository.Set("test", "summarize", "gpt-4o", "Summarize the text.", message: "summarize: new model");
        (await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var changed = await GetAsync(client, "api/changes", "br", tags[0]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tags[0], changed.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("api/changes?limit=2", "br")]
    [InlineData("api/changes?limit=2", "gzip")]
    [InlineData("api/changes?env=test", "br")]
    [InlineData("api/changes?q=numbers", "gzip")]
    [InlineData("api/changes?q=numbers&limit=1", "gzip")]
    public async Task Pages_and_filtered_results_are_compressed_when_the_client_accepts_it(string url, string encoding)
    {
        using var client = await _host.StartAsync();
        var plain = await client.GetByteArrayAsync(new Uri(url, UriKind.Relative));

        using var response = await GetAsync(client, url, encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(plain, Decode(await response.Content.ReadAsByteArrayAsync(), encoding));
    }

    public void Dispose()
    {
        _host.Dispose();
        _repository.Dispose();
    }

    internal static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(ifNoneMatch));
        return await client.SendAsync(request);
    }

    internal static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null) return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
