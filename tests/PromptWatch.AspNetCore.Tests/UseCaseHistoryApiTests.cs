using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary><c>api/usecases/{env}/{usecase}/history</c>: a use case's versions with promotions from test and their lead times.</summary>
public sealed class UseCaseHistoryApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly string _first;
    private readonly string _third;
    private readonly string _revert;

    public UseCaseHistoryApiTests()
    {
        _first = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize.");        // 10:00
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize.");                 // 11:00: promoted after 1 h
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize briefly.");         // 12:00
        _third = _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize briefly."); // 13:00
        _repository.Set("test", "classify", "gpt-4o-mini", "Classify.");                   // 14:00
        _repository.Set("prod", "summarize", "gpt-4.1-mini", "Summarize briefly.");        // 15:00: promoted after 2 h
        _repository.Set("prod", "summarize", "gpt-4o", "Hotfix.");                         // 16:00: made in prod
        _revert = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize.");       // 17:00: test back to the first version
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize.");                 // 18:00: promoted after 1 h, from the revert
    }

    [Fact]
    public async Task Prod_versions_equal_to_earlier_test_versions_are_promotions_with_their_lead_time()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/usecases/prod/summarize/history", UriKind.Relative)));
        var root = document.RootElement;

        var versions = root.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["gpt-4o-mini", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini"], versions.Select(static v => v.GetProperty("model").GetString()));
        var promotions = versions.Select(static v => v.GetProperty("promotion")).ToList();
        Assert.Equal(_first, promotions[0].GetProperty("commit_sha").GetString());
        Assert.Equal(3600, promotions[0].GetProperty("lead_time_seconds").GetInt64());
        Assert.Equal($"promoted from test at {_first[..7]}, 1 hour after it appeared there", promotions[0].GetProperty("text").GetString());
        Assert.Equal(_third, promotions[1].GetProperty("commit_sha").GetString());
        Assert.Equal(2 * 3600, promotions[1].GetProperty("lead_time_seconds").GetInt64());
        Assert.Equal(JsonValueKind.Null, promotions[2].ValueKind);
        // The revert in test is where the last version came from, not the first commit with the same settings.
        Assert.Equal(_revert, promotions[3].GetProperty("commit_sha").GetString());
        Assert.Equal(3600, promotions[3].GetProperty("lead_time_seconds").GetInt64());

        var leadTime = root.GetProperty("lead_time");
        Assert.Equal(3, leadTime.GetProperty("promotions").GetInt32());
        Assert.Equal(3600, leadTime.GetProperty("median_seconds").GetInt64());
        Assert.Equal(3600, leadTime.GetProperty("last_seconds").GetInt64());
        Assert.Equal(2 * 3600, leadTime.GetProperty("slowest_seconds").GetInt64());

        // Test's own versions are never promotions (promotions go from test to prod), and drift carries the same lead time.
        using var test = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/usecases/TEST/Summarize/history", UriKind.Relative)));
        Assert.All(test.RootElement.GetProperty("versions").EnumerateArray(), static v => Assert.Equal(JsonValueKind.Null, v.GetProperty("promotion").ValueKind));
        Assert.Equal(JsonValueKind.Null, test.RootElement.GetProperty("lead_time").ValueKind);
        using var drift = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/drift", UriKind.Relative)));
        var report = drift.RootElement.GetProperty("repositories")[0];
        var summarize = report.GetProperty("use_cases").EnumerateArray().Single(static u => u.GetProperty("usecase").GetString() == "summarize");
        Assert.Equal(3, summarize.GetProperty("lead_time").GetProperty("promotions").GetInt32());
        Assert.Equal(3, report.GetProperty("lead_time").GetProperty("promotions").GetInt32());
    }

    [Theory]
    [InlineData("api/usecases/staging/summarize/history", HttpStatusCode.NotFound, "'staging' is not an environment of service")]
    [InlineData("api/usecases/prod/classify/history", HttpStatusCode.NotFound, "classify was never in prod")]
    [InlineData("api/usecases/prod/nothing/history", HttpStatusCode.NotFound, "No watched repository has a use case 'nothing'")]
    [InlineData("api/usecases/prod/summarize/history?repository=other", HttpStatusCode.NotFound, "'other' is not a watched repository")]
    public async Task Unknown_names_are_a_404_that_names_them(string url, HttpStatusCode status, string detail)
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();
}
