using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary><c>api/compare</c>: two versions of a use case named by environment, env@date, commit or env@commit.</summary>
public sealed class CompareApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly string _promoted;
    private readonly string _promptEdit;
    private readonly string _modelSwap;
    private readonly string _both;

    public CompareApiTests()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");                        // 10:00 +02:00
        _promoted = _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.");           // 11:00
        _promptEdit = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nKeep numbers exact."); // 12:00
        _modelSwap = _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.\nKeep numbers exact."); // 13:00
        _both = _repository.SetIn(["test", "prod"], "classify", "gpt-4o-mini", "Classify the ticket.");   // 14:00, one commit
    }

    [Fact]
    public async Task Environments_commits_and_dates_name_versions_and_their_differences_are_listed()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using (var current = await CompareAsync(client, "summarize", "prod", "test"))
        {
            var root = current.RootElement;
            Assert.Equal(_promoted, root.GetProperty("from").GetProperty("commit_sha").GetString());
            Assert.Equal(_modelSwap, root.GetProperty("to").GetProperty("commit_sha").GetString());
            var changes = root.GetProperty("changes").EnumerateArray().Select(static c => (c.GetProperty("field").GetString(), c.GetProperty("old").GetString(), c.GetProperty("new").GetString())).ToList();
            Assert.Equal([("model", "gpt-4o-mini", "gpt-4.1-mini"), ("prompt", "Summarize the text.", "Summarize the text.\nKeep numbers exact.")], changes);
            Assert.Contains(root.GetProperty("diff").EnumerateArray(), static r => r.GetProperty("kind").GetString() == "inserted" && r.GetProperty("new_text").GetString() == "Keep numbers exact.");
        }

        using (var commits = await CompareAsync(client, "summarize", _promptEdit[..7], _modelSwap))
        {
            Assert.Equal(["model"], commits.RootElement.GetProperty("changes").EnumerateArray().Select(static c => c.GetProperty("field").GetString()));
            Assert.Equal(JsonValueKind.Null, commits.RootElement.GetProperty("diff").ValueKind);
        }

        // test as of 10:30 (+02:00) is the version prod was given at 11:00: nothing differs.
        using (var dated = await CompareAsync(client, "summarize", "test@2026-10-01T10:30:00+02:00", "prod"))
        {
            Assert.Empty(dated.RootElement.GetProperty("changes").EnumerateArray());
            Assert.Equal("test", dated.RootElement.GetProperty("from").GetProperty("environment").GetString());
        }

        // The same version on both sides is an empty comparison, not an error; a version before the use case existed has no values.
        using (var same = await CompareAsync(client, "SUMMARIZE", "test", "test")) Assert.Empty(same.RootElement.GetProperty("changes").EnumerateArray());
        using (var before = await CompareAsync(client, "summarize", "prod@2026-09-30", "prod"))
        {
            Assert.False(before.RootElement.GetProperty("from").GetProperty("present").GetBoolean());
            Assert.Contains(before.RootElement.GetProperty("changes").EnumerateArray(), static c => c.GetProperty("field").GetString() == "model" && c.GetProperty("old").ValueKind == JsonValueKind.Null);
        }

        using (var named = await CompareAsync(client, "classify", "prod@" + _both, "test@" + _both[..8])) Assert.Empty(named.RootElement.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task A_commit_that_changed_both_environments_is_ambiguous_and_the_answer_lists_both()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri($"api/compare?usecase=classify&from={_both[..7]}&to=test", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([$"prod@{_both}", $"test@{_both}"], problem.RootElement.GetProperty("candidates").EnumerateArray().Select(static c => c.GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("usecase=nothing&from=test&to=prod", HttpStatusCode.NotFound, "No watched repository has a use case 'nothing'")]
    [InlineData("usecase=summarize&from=staging@2026-10-01&to=prod", HttpStatusCode.NotFound, "'staging' is not an environment")]
    [InlineData("usecase=summarize&from=xyz&to=prod", HttpStatusCode.NotFound, "'xyz' is neither an environment, env@date nor a commit")]
    [InlineData("usecase=summarize&from=0000000&to=prod", HttpStatusCode.NotFound, "No change of summarize was made in commit '0000000'")]
    [InlineData("usecase=summarize&from=test", HttpStatusCode.BadRequest, "missing: to")]
    public async Task Bad_input_is_a_problem_that_names_it(string query, HttpStatusCode status, string detail)
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri("api/compare?" + query, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> CompareAsync(HttpClient client, string useCase, string from, string to)
    {
        using var response = await client.GetAsync(new Uri($"api/compare?usecase={useCase}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    public void Dispose() => _repository.Dispose();
}
