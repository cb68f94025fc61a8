using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// <c>api/drift</c> on a generated repository with a promotion, a use case only in test, one removed from prod, an equal
/// one and a third environment; what it answers is compared with the drift worked out here from the commits made.
/// </summary>
public sealed class DriftApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly List<(string Environment, string UseCase, string? Model, string? Prompt, DateTimeOffset At)> _made = [];

    public DriftApiTests()
    {
        Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.");           // promoted
        Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nKeep numbers exact.");
        Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.\nKeep numbers exact.");
        Set("test", "classify", "gpt-4o-mini", "Classify the ticket.");         // only in test
        Set("test", "translate", "gpt-4o", "Translate to French.");
        Set("prod", "translate", "gpt-4o", "Translate to French.");             // equal
        Set("prod", "legacy", "gpt-3.5-turbo", "Answer briefly.");
        Set("test", "legacy", "gpt-3.5-turbo", "Answer briefly.");
        Remove("prod", "legacy");                                             // removed from prod
        Set("staging", "summarize", "gpt-4.1-mini", "Summarize the text.\nKeep numbers exact.");
    }

    private void Set(string environment, string useCase, string model, string prompt)
    {
        var at = _repository.NextCommitAt;
        _repository.Set(environment, useCase, model, prompt);
        _made.Add((environment, useCase, model, prompt, at));
    }

    private void Remove(string environment, string useCase)
    {
        var at = _repository.NextCommitAt;
        _repository.Remove(environment, useCase);
        _made.Add((environment, useCase, null, null, at));
    }

    [Fact]
    public async Task Test_and_prod_differ_as_the_commits_made_them_differ()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/drift", UriKind.Relative)));

        var report = Assert.Single(document.RootElement.GetProperty("repositories").EnumerateArray());
        Assert.Equal("service", report.GetProperty("repository").GetString());
        Assert.Equal("test", report.GetProperty("left").GetString());
        Assert.Equal("prod", report.GetProperty("right").GetString());
        var useCases = report.GetProperty("use_cases").EnumerateArray().ToList();
        Assert.Equal(["classify", "legacy", "summarize", "translate"], useCases.Select(static u => u.GetProperty("usecase").GetString()));
        foreach (var useCase in useCases) AssertAsWorkedOut(useCase, "test", "prod");
        Assert.Equal(1, report.GetProperty("equal").GetInt32());
        Assert.Equal(3, report.GetProperty("differing").GetInt32());

        var summarize = useCases.Single(static u => u.GetProperty("usecase").GetString() == "summarize");
        Assert.Equal(["model", "prompt"], summarize.GetProperty("differing_fields").EnumerateArray().Select(static f => f.GetString()));
        Assert.Equal("gpt-4.1-mini", summarize.GetProperty("left").GetProperty("values").GetProperty("model").GetString());
        Assert.Equal("gpt-4o-mini", summarize.GetProperty("right").GetProperty("values").GetProperty("model").GetString());
        Assert.Contains(summarize.GetProperty("diff").EnumerateArray(), static r => r.GetProperty("kind").GetString() == "deleted" && r.GetProperty("old_text").GetString() == "Keep numbers exact.");
        Assert.Equal("not_configured", summarize.GetProperty("left").GetProperty("results_state").GetString());

        var legacy = useCases.Single(static u => u.GetProperty("usecase").GetString() == "legacy");
        Assert.True(legacy.GetProperty("right").GetProperty("removed").GetBoolean());
        Assert.False(legacy.GetProperty("right").GetProperty("present").GetBoolean());
        var classify = useCases.Single(static u => u.GetProperty("usecase").GetString() == "classify");
        Assert.False(classify.GetProperty("right").GetProperty("removed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, classify.GetProperty("right").GetProperty("commit_sha").ValueKind);
    }

    [Fact]
    public async Task A_third_environment_is_compared_when_the_pair_names_it()
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Files:chart/values-test.yaml"] = "test",
            ["PromptWatch:Repositories:0:Files:chart/values-prod.yaml"] = "prod",
            ["PromptWatch:Repositories:0:Files:chart/values-staging.yaml"] = "staging",
        });
        using var client = await host.StartAsync();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/drift?pair=staging,PROD&repository=SERVICE", UriKind.Relative)));

        var report = Assert.Single(document.RootElement.GetProperty("repositories").EnumerateArray());
        Assert.Equal(["prod", "staging", "test"], report.GetProperty("environments").EnumerateArray().Select(static e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("staging", report.GetProperty("left").GetString());
        Assert.Equal("prod", report.GetProperty("right").GetString());
        var useCases = report.GetProperty("use_cases").EnumerateArray().ToList();
        Assert.Equal(["legacy", "summarize", "translate"], useCases.Select(static u => u.GetProperty("usecase").GetString()));
        foreach (var useCase in useCases) AssertAsWorkedOut(useCase, "staging", "prod");
    }

    [Theory]
    [InlineData("api/drift?repository=elsewhere", HttpStatusCode.NotFound, "'elsewhere' is not a watched repository")]
    [InlineData("api/drift?repository=service&pair=test,staging", HttpStatusCode.NotFound, "'staging' is not an environment of service")]
    [InlineData("api/drift?pair=test", HttpStatusCode.BadRequest, "pair must name two different environments")]
    [InlineData("api/drift?pair=test,TEST", HttpStatusCode.BadRequest, "pair must name two different environments")]
    [InlineData("api/drift?env=test", HttpStatusCode.BadRequest, "'env' is not a query parameter of this route")]
    public async Task Bad_input_is_a_problem_that_names_it(string url, HttpStatusCode status, string detail)
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Works out one use case's drift from the commits this test made, and compares.</summary>
    private void AssertAsWorkedOut(JsonElement actual, string left, string right)
    {
        var useCase = actual.GetProperty("usecase").GetString()!;
        var leftChanges = _made.Where(m => m.Environment == left && m.UseCase == useCase).ToList();
        var rightChanges = _made.Where(m => m.Environment == right && m.UseCase == useCase).ToList();
        var leftNow = leftChanges.LastOrDefault();
        var rightNow = rightChanges.LastOrDefault();
        var leftPresent = leftChanges.Count > 0 && leftNow.Model is not null;
        var rightPresent = rightChanges.Count > 0 && rightNow.Model is not null;
        var equal = leftPresent == rightPresent && (!leftPresent || (leftNow.Model == rightNow.Model && leftNow.Prompt == rightNow.Prompt));
        Assert.Equal(equal, actual.GetProperty("equal").GetBoolean());
        Assert.Equal(leftPresent, actual.GetProperty("left").GetProperty("present").GetBoolean());
        Assert.Equal(rightPresent, actual.GetProperty("right").GetProperty("present").GetBoolean());

        var lag = actual.GetProperty("lag");
        if (equal)
        {
            Assert.Equal(JsonValueKind.Null, lag.ValueKind);
            return;
        }

        var leftAt = leftChanges.Count > 0 ? leftNow.At : DateTimeOffset.MinValue;
        var rightAt = rightChanges.Count > 0 ? rightNow.At : DateTimeOffset.MinValue;
        var (behind, behindAt, ahead) = leftAt <= rightAt ? (left, leftAt, rightChanges) : (right, rightAt, leftChanges);
        var newer = ahead.Where(m => m.At > behindAt).ToList();
        Assert.Equal(behind, lag.GetProperty("environment").GetString());
        Assert.Equal(newer.Count, lag.GetProperty("changes").GetInt32());
        Assert.Equal(newer[0].At, lag.GetProperty("since").GetDateTimeOffset());
    }

    public void Dispose() => _repository.Dispose();
}
