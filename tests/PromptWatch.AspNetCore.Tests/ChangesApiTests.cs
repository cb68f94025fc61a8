using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

public sealed class ChangesApiTests : IDisposable
{
    private static readonly string[] ReplacedToolFields =
    [
        "environment", "usecase", "model", "prompt", "enabled", "temperature", "top_k", "top_p", "max_tokens", "commit_hash",
        "commit_date", "commit_message", "commit_author_name", "commit_author_email", "file_path", "has_eval_results",
        "eval_results_url", "eval_direct_url", "show_enabled",
    ];

    private readonly WatchedRepository _repository = new();
    private readonly PromptWatchHost _host;

    public ChangesApiTests()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _repository.Set("test", "classify", "llama-3.1-8b", "Classify the ticket.", author: ("Ada Lovelace", "ada@example.com"));
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.");
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nKeep numbers exact.", message: "summarize: keep numbers exact");
        _repository.Set("test", "classify", "llama-3.1-8b", "Classify the ticket.", enabled: false, message: "classify: disable");
        _host = new PromptWatchHost(_repository.Path);
    }

    [Fact]
    public async Task Without_paging_the_timeline_is_an_array_with_the_replaced_tools_fields_newest_first()
    {
        using var client = await _host.StartAsync();
        using var changes = await GetJsonAsync(client, "api/changes");

        Assert.Equal(JsonValueKind.Array, changes.RootElement.ValueKind);
        var entries = changes.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        foreach (var field in ReplacedToolFields) Assert.True(entries[0].TryGetProperty(field, out _), field);
        Assert.Equal("classify: disable", entries[0].GetProperty("commit_message").GetString());
        Assert.False(entries[0].GetProperty("enabled").GetBoolean());
        Assert.True(entries[0].GetProperty("show_enabled").GetBoolean());
        Assert.Equal(7, entries[0].GetProperty("commit_hash").GetString()!.Length);
        var dates = entries.Select(static e => DateTimeOffset.Parse(e.GetProperty("commit_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(static d => d), dates);
        // Only the newest entry of a use case shows its enabled badge.
        var classify = entries.Where(static e => e.GetProperty("usecase").GetString() == "classify").ToList();
        Assert.Equal([true, false], classify.Select(static e => e.GetProperty("show_enabled").GetBoolean()));
    }

    [Theory]
    [InlineData("api/changes?env=prod", 1)]
    [InlineData("api/changes?env=test", 4)]
    [InlineData("api/changes?usecase=classify", 2)]
    [InlineData("api/changes?status=disabled", 1)]
    [InlineData("api/changes?status=enabled", 4)]
    [InlineData("api/changes?status=ALL", 5)]
    [InlineData("api/changes?q=NUMBERS", 1)]
    [InlineData("api/changes?env=test&usecase=summarize", 2)]
    [InlineData("api/changes?q=nothing-like-this", 0)]
    [InlineData("api/changes?model=LLAMA-3.1-8B", 2)]
    [InlineData("api/changes?model=gpt-4o", 0)]
    [InlineData("api/changes?model=gpt-4o-mini&env=prod", 1)]
    [InlineData("api/changes?author=ada%20lovelace", 1)]
    [InlineData("api/changes?author=ADA@example.com", 1)]
    [InlineData("api/changes?author=Ada", 0)]
    [InlineData("api/changes?q=gpt-4o-mini", 3)]
    [InlineData("api/changes?q=lovelace", 1)]
    [InlineData("api/changes?q=ada@example", 1)]
    [InlineData("api/changes?Q=Lovelace", 1)]
    public async Task Filters_select_entries(string url, int expected)
    {
        using var client = await _host.StartAsync();
        using var changes = await GetJsonAsync(client, url);
        Assert.Equal(expected, changes.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Pages_follow_cursors_through_every_entry_once()
    {
        using var client = await _host.StartAsync();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await GetJsonAsync(client, "api/changes?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(5, page.RootElement.GetProperty("total").GetInt32());
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                seen.Add(item.GetProperty("commit_sha").GetString() + "/" + item.GetProperty("environment").GetString() + "/" + item.GetProperty("usecase").GetString());
            }

            cursor = page.RootElement.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task A_page_cursor_stays_valid_when_new_changes_arrive_on_top()
    {
        using var client = await _host.StartAsync();
        using var first = await GetJsonAsync(client, "api/changes?limit=2");
        var cursor = first.RootElement.GetProperty("next_cursor").GetString()!;
        var firstPage = first.RootElement.GetProperty("items").EnumerateArray().Select(static i => i.GetProperty("commit_sha").GetString()).ToList();

        _repository.Set("prod", "classify", "llama-3.1-70b", "Classify the ticket.");
        await RefreshAsync(client);

        using var second = await GetJsonAsync(client, "api/changes?limit=10&cursor=" + Uri.EscapeDataString(cursor));
        var secondPage = second.RootElement.GetProperty("items").EnumerateArray().Select(static i => i.GetProperty("commit_sha").GetString()).ToList();
        Assert.Equal(3, secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
    }

    [Theory]
    [InlineData("api/changes?limit=0")]
    [InlineData("api/changes?limit=abc")]
    [InlineData("api/changes?limit=100000")]
    [InlineData("api/changes?status=maybe")]
    [InlineData("api/changes?limit=5&cursor=not-a-cursor!")]
    [InlineData("api/changes?modle=gpt-4o-mini")]
    public async Task Bad_queries_get_problem_details(string url)
    {
        using var client = await _host.StartAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_search_finds_a_commit_by_its_sha()
    {
        using var client = await _host.StartAsync();
        using var all = await GetJsonAsync(client, "api/changes");
        var sha = all.RootElement[1].GetProperty("commit_sha").GetString()!;

        using var found = await GetJsonAsync(client, "api/changes?q=" + sha[..8].ToUpperInvariant());
        var entry = Assert.Single(found.RootElement.EnumerateArray());
        Assert.Equal(sha, entry.GetProperty("commit_sha").GetString());
    }

    [Theory]
    [InlineData("GET", "api/changes?env=test&modle=gpt-4o-mini", "modle", "env, usecase, model, author, status, q, repository, limit, cursor")]
    [InlineData("POST", "api/refresh?repo=service", "repo", "repository")]
    public async Task An_unknown_query_parameter_is_a_400_problem_naming_it_and_the_known_ones(string method, string url, string unknown, string known)
    {
        using var client = await _host.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(unknown, problem.RootElement.GetProperty("parameter").GetString());
        Assert.Equal(known, string.Join(", ", problem.RootElement.GetProperty("known_parameters").EnumerateArray().Select(static p => p.GetString())));
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains($"'{unknown}'", detail, StringComparison.Ordinal);
        Assert.Contains(known, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_timeline_answers_304_and_a_new_commit_changes_the_etag()
    {
        using var client = await _host.StartAsync();
        using var first = await client.GetAsync(new Uri("api/changes", UriKind.Relative));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "api/changes");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // A refresh that finds nothing keeps the ETag.
        await RefreshAsync(client);
        using var stillSame = new HttpRequestMessage(HttpMethod.Get, "api/changes");
        stillSame.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(stillSame)).StatusCode);

        _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.\nKeep numbers exact.");
        await RefreshAsync(client);
        using var afterCommit = new HttpRequestMessage(HttpMethod.Get, "api/changes");
        afterCommit.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(afterCommit);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Refresh_after_a_commit_reports_the_new_change_and_serves_it()
    {
        using var client = await _host.StartAsync();
        _repository.Set("prod", "summarize", "gpt-4.1-mini", "Summarize the text.", message: "prod: move summarize to 4.1");

        using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        refresh.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(6, body.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("new_changes").GetInt32());

        using var changes = await GetJsonAsync(client, "api/changes");
        var newest = changes.RootElement[0];
        Assert.Equal("prod: move summarize to 4.1", newest.GetProperty("commit_message").GetString());
        Assert.Equal(["model"], newest.GetProperty("changed_fields").EnumerateArray().Select(static f => f.GetString()));
        Assert.Equal("gpt-4o-mini", newest.GetProperty("previous_values").GetProperty("model").GetString());
    }

    [Fact]
    public async Task One_change_is_served_with_its_diff_and_an_unknown_one_is_a_404_problem()
    {
        using var client = await _host.StartAsync();
        using var changes = await GetJsonAsync(client, "api/changes?usecase=summarize&env=test");
        var sha = changes.RootElement[0].GetProperty("commit_sha").GetString()!;

        using var one = await GetJsonAsync(client, $"api/changes/{sha[..7]}/test/summarize");
        var diff = one.RootElement.GetProperty("diff").EnumerateArray().ToList();
        Assert.Contains(diff, static r => r.GetProperty("kind").GetString() == "inserted" && r.GetProperty("new_text").GetString() == "Keep numbers exact.");

        using var missing = await client.GetAsync(new Uri($"api/changes/{sha}/prod/summarize", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_modified_prompt_line_is_served_with_its_word_pieces()
    {
        using var client = await _host.StartAsync();
        var sha = _repository.Set("test", "classify", "llama-3.1-8b", "Classify the support ticket.", enabled: false, message: "classify: support tickets");
        await RefreshAsync(client);

        using var one = await GetJsonAsync(client, $"api/changes/{sha}/test/classify");
        using var page = await GetJsonAsync(client, "api/changes?usecase=classify&limit=1");
        foreach (var entry in new[] { one.RootElement, page.RootElement.GetProperty("items")[0] })
        {
            var row = Assert.Single(entry.GetProperty("diff").EnumerateArray());
            Assert.Equal("modified", row.GetProperty("kind").GetString());
            Assert.Equal("Classify the support ticket.", row.GetProperty("new_text").GetString());
            Assert.Equal([("Classify the ticket.", "unchanged")], Pieces(row.GetProperty("old_pieces")));
            Assert.Equal([("Classify the ", "unchanged"), ("support ", "inserted"), ("ticket.", "unchanged")], Pieces(row.GetProperty("new_pieces")));
        }
    }

    [Fact]
    public async Task Use_cases_list_each_environment_with_its_latest_state()
    {
        using var client = await _host.StartAsync();
        using var useCases = await GetJsonAsync(client, "api/usecases");
        var list = useCases.RootElement.EnumerateArray()
            .Select(static u => (u.GetProperty("usecase").GetString(), u.GetProperty("environment").GetString(), u.GetProperty("enabled").GetBoolean(), u.GetProperty("changes").GetInt32()))
            .ToList();
        Assert.Equal([("classify", "test", false, 2), ("summarize", "prod", true, 1), ("summarize", "test", true, 2)], list);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = await _host.StartAsync();
        using var document = await GetJsonAsync(client, "openapi/v1.json");
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/changes", "/api/usecases", "/api/refresh", "/api/events", "/api/changes/{sha}/{env}/{usecase}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    internal static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }

    private static (string?, string?)[] Pieces(JsonElement pieces) =>
        [.. pieces.EnumerateArray().Select(static p => (p.GetProperty("text").GetString(), p.GetProperty("type").GetString()))];

    internal static async Task RefreshAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _host.Dispose();
        _repository.Dispose();
    }
}
