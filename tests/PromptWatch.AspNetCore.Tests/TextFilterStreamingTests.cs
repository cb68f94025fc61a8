using System.Text;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>Runs alone: it measures the bytes the process allocates while serving.</summary>
[CollectionDefinition(nameof(AllocationMeasuringTests), DisableParallelization = true)]
public sealed class AllocationMeasuringTests;

/// <summary>
/// <c>api/changes?q=…</c> without <c>limit</c> is written from the entries' pre-serialized bytes, not copied per
/// request; it returns what filtering the whole timeline returns.
/// </summary>
[Collection(nameof(AllocationMeasuringTests))]
public sealed class TextFilterStreamingTests : IDisposable
{
    private const int Versions = 40;
    private readonly WatchedRepository _repository = new();
    private readonly PromptWatchHost _host;

    public TextFilterStreamingTests()
    {
        // Long prompts, one line changed per version: every entry carries a large prompt and diff.
        var lines = Enumerable.Range(0, 150).Select(static i => $"Rule {i}: answer in the customer's language and keep every figure exact.").ToArray();
        for (var i = 0; i < Versions; i++)
        {
            lines[i % lines.Length] = $"Rule {i % lines.Length}: revised in version {i}, résumé kept concise.";
            var useCase = i % 3 == 0 ? "classify" : "summarize";
            _repository.Set(i % 2 == 0 ? "test" : "prod", useCase, "gpt-4o-mini", string.Join('\n', lines), message: $"{useCase}: version {i}" + (i % 4 == 0 ? " (Ticket routing)" : ""));
        }

        _host = new PromptWatch.AspNetCore.Tests.Support.PromptWatchHost(_repository.Path);
    }

    [Theory]
    [InlineData("q=version%207")]
    [InlineData("q=TICKET")]
    [InlineData("q=classify")]
    [InlineData("q=R%C3%A9SUM%C3%A9")]
    [InlineData("q=figure&env=prod")]
    [InlineData("q=version&usecase=summarize&status=enabled")]
    [InlineData("q=nothing-like-this")]
    public async Task A_text_filter_returns_the_matching_entries_of_the_whole_timeline_byte_for_byte(string query)
    {
        using var client = await _host.StartAsync();
        using var all = JsonDocument.Parse(await client.GetByteArrayAsync(new Uri("api/changes", UriKind.Relative)));
        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        var text = parameters["q"]!;
        var expected = all.RootElement.EnumerateArray()
            .Where(e => (parameters["env"] is not { } env || e.GetProperty("environment").GetString() == env)
                && (parameters["usecase"] is not { } useCase || e.GetProperty("usecase").GetString() == useCase)
                && (parameters["status"] is null || e.GetProperty("enabled").GetBoolean())
                && new[] { "prompt", "commit_message", "usecase" }.Any(p => e.GetProperty(p).GetString()?.Contains(text, StringComparison.OrdinalIgnoreCase) == true))
            .Select(static e => e.GetRawText())
            .ToList();

        var body = await client.GetByteArrayAsync(new Uri("api/changes?" + query, UriKind.Relative));

        using var filtered = JsonDocument.Parse(body);
        Assert.Equal(expected, filtered.RootElement.EnumerateArray().Select(static e => e.GetRawText()));
        Assert.Equal("[" + string.Join(',', expected) + "]", Encoding.UTF8.GetString(body));
        if (query == "q=nothing-like-this") Assert.Empty(expected);
        else Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task A_text_filter_over_the_whole_timeline_allocates_a_small_part_of_its_body_per_request()
    {
        const int Requests = 8;
        const string Url = "api/changes?q=rule";
        using var client = await _host.StartAsync();
        var buffer = new byte[16 * 1024];
        var length = await ReadAsync(client, Url, buffer);
        Assert.True(length > 1_000_000, $"the body is {length} bytes");

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++) Assert.Equal(length, await ReadAsync(client, Url, buffer));
        var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / Requests;

        // A copy of the matching timeline per request would allocate at least the body's length each time.
        Assert.True(perRequest < length / 4, $"{perRequest} bytes allocated per request for a body of {length} bytes");
    }

    public void Dispose()
    {
        _host.Dispose();
        _repository.Dispose();
    }

    private static async Task<long> ReadAsync(HttpClient client, string url, byte[] buffer)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }
}
