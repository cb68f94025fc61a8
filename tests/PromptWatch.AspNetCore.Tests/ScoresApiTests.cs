using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Results;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// Score files beside reports, in a real folder store: each change's scores and deltas, the series route, drift sides,
/// malformed and oversized files, and reading each file once per version.
/// </summary>
public sealed class ScoresApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _results = new();
    private readonly string _first;
    private readonly string _broken;
    private readonly string _third;
    private readonly string _prod;

    public ScoresApiTests()
    {
        _first = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize.");
        _broken = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize briefly.");
        _third = _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize briefly.");
        _prod = _repository.Set("prod", "summarize", "gpt-4.1-mini", "Summarize briefly.");
        _results.WriteFile($"{_first}/summarize_results.html", "<html><body>first</body></html>");
        _results.WriteFile($"{_first[..7]}/summarize_results.json", """{"metrics": {"faithfulness": 0.82, "latency_ms": {"value": 930, "direction": "lower"}}}""");
        _results.WriteFile($"{_broken[..10]}/summarize_results.json", """{"metrics": {"faithfulness": "high"}}""");
        _results.WriteFile($"{_third}/summarize_results.json", """{"metrics": {"faithfulness": 0.71, "latency_ms": {"value": 900, "direction": "lower"}}}""");
        _results.WriteFile($"{_prod}/summarize_results.json", "{\"metrics\": {\"faithfulness\": 0.5, \"padding\": \"" + new string('x', 3000) + "\"}}");
    }

    [Fact]
    public async Task Changes_carry_their_scores_against_the_previous_evaluated_version_and_bad_files_are_errors_on_their_change()
    {
        using var host = Host(new CountingStore(new LocalFolderResultStore(_results.Path)));
        using var client = await host.StartAsync();
        await RefreshResultsAsync(client);

        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        var bySha = changes.RootElement.EnumerateArray().ToDictionary(static e => e.GetProperty("commit_sha").GetString()!);
        Assert.Equal(4, bySha.Count);

        var first = Scores(bySha[_first]);
        Assert.Equal(["faithfulness", "latency_ms"], first.Select(static s => s.GetProperty("name").GetString()));
        Assert.Equal(0.82, first[0].GetProperty("value").GetDouble());
        Assert.Equal("higher", first[0].GetProperty("direction").GetString());
        Assert.Equal("lower", first[1].GetProperty("direction").GetString());
        Assert.Equal(JsonValueKind.Null, first[0].GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, first[0].GetProperty("delta").ValueKind);
        Assert.False(first[0].GetProperty("regressed").GetBoolean());
        // The score file is not a report: the change still links its one HTML report.
        Assert.Single(bySha[_first].GetProperty("eval_results").EnumerateArray());

        // The malformed file is an error on its change; the one before it is the previous evaluated version of the third.
        Assert.Contains("faithfulness", bySha[_broken].GetProperty("scores_error").GetString(), StringComparison.Ordinal);
        Assert.False(bySha[_broken].TryGetProperty("scores", out _));

        var third = Scores(bySha[_third]);
        Assert.Equal(0.82, third[0].GetProperty("previous").GetDouble());
        Assert.Equal(_first, third[0].GetProperty("previous_commit").GetString());
        Assert.Equal(0.71 - 0.82, third[0].GetProperty("delta").GetDouble(), 9);
        Assert.True(third[0].GetProperty("regressed").GetBoolean());
        // Lower is better for latency: 930 → 900 is an improvement.
        Assert.Equal(900 - 930, third[1].GetProperty("delta").GetDouble(), 9);
        Assert.False(third[1].GetProperty("regressed").GetBoolean());

        // Prod's file is over the cap (set to 2 KiB for this host): an error on that change, not on the listing.
        Assert.Contains("over the limit of 2048", bySha[_prod].GetProperty("scores_error").GetString(), StringComparison.Ordinal);

        using var series = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/usecases/test/summarize/scores", UriKind.Relative)));
        var root = series.RootElement;
        Assert.Equal("test", root.GetProperty("environment").GetString());
        Assert.Equal("summarize", root.GetProperty("use_case").GetString());
        Assert.Equal(["faithfulness:higher", "latency_ms:lower"], root.GetProperty("metrics").EnumerateArray().Select(static m => m.GetProperty("name").GetString() + ":" + m.GetProperty("direction").GetString()));
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([_first, _third], points.Select(static p => p.GetProperty("commit").GetString()));
        Assert.Equal(_third[..7], points[1].GetProperty("short_commit").GetString());
        Assert.Equal(0.71, points[1].GetProperty("scores").GetProperty("faithfulness").GetDouble());
        Assert.Equal(930, points[0].GetProperty("scores").GetProperty("latency_ms").GetDouble());

        using var drift = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/drift", UriKind.Relative)));
        var summarize = drift.RootElement.GetProperty("repositories")[0].GetProperty("use_cases").EnumerateArray().Single(static u => u.GetProperty("usecase").GetString() == "summarize");
        var sides = summarize.EnumerateObject().Where(static p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("environment", out _)).ToDictionary(static p => p.Value.GetProperty("environment").GetString()!, static p => p.Value);
        Assert.Equal(0.71, sides["test"].GetProperty("scores").GetProperty("faithfulness").GetDouble());
        Assert.False(sides["prod"].TryGetProperty("scores", out _));
    }

    [Theory]
    [InlineData("api/usecases/staging/summarize/scores", "'staging' is not an environment of service")]
    [InlineData("api/usecases/prod/nothing/scores", "No watched repository has a use case 'nothing'")]
    public async Task Unknown_names_are_a_404_that_names_them(string url, string detail)
    {
        using var host = Host(new LocalFolderResultStore(_results.Path));
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_score_file_is_read_once_per_version_whatever_the_number_of_listings()
    {
        var store = new CountingStore(new LocalFolderResultStore(_results.Path));
        using var host = Host(store);
        using var client = await host.StartAsync();
        await RefreshResultsAsync(client);
        // Three files under the cap are read; the oversized one is refused from its listed size, never fetched.
        Assert.Equal(3, store.Reads);
        Assert.Equal(0, store.ReadsOf($"{_prod}/summarize_results.json"));

        await RefreshResultsAsync(client);
        await RefreshResultsAsync(client);
        Assert.Equal(3, store.Reads);

        // A rewritten file (another length) is read again, and only it.
        _results.WriteFile($"{_third}/summarize_results.json", """{"metrics": {"faithfulness": 0.9, "latency_ms": {"value": 800, "direction": "lower"}}}""");
        await RefreshResultsAsync(client);
        Assert.Equal(4, store.Reads);
        Assert.Equal(2, store.ReadsOf($"{_third}/summarize_results.json"));
        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        var third = changes.RootElement.EnumerateArray().Single(e => e.GetProperty("commit_sha").GetString() == _third);
        Assert.Equal(0.9, Scores(third)[0].GetProperty("value").GetDouble());
        Assert.False(Scores(third)[0].GetProperty("regressed").GetBoolean());
    }

    public void Dispose()
    {
        _repository.Dispose();
        _results.Dispose();
    }

    private static List<JsonElement> Scores(JsonElement change) => [.. change.GetProperty("scores").EnumerateArray()];

    private PromptWatchHost Host(IEvaluationResultStore store) => new(
        _repository.Path,
        configureServices: services => services.AddSingleton(store),
        settings: new Dictionary<string, string> { ["PromptWatch:MaxScoreFileBytes"] = "2048" });

    private static async Task RefreshResultsAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The real folder store, counting the files it opens (how many requests an object store would get).</summary>
    private sealed class CountingStore(IEvaluationResultStore inner) : IEvaluationResultStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        public int Reads => _reads.Values.Sum();

        public int ReadsOf(string key) => _reads.GetValueOrDefault(key);

        public string DisplayName => "counting store";

        public Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken)
        {
            _reads.AddOrUpdate(result.Key, 1, static (_, n) => n + 1);
            return inner.OpenReadAsync(result, cancellationToken);
        }
    }
}
