using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>What a workspace keeps after serving: its serialized timeline in the one bounded cache all workspaces share, its repository closed between scans.</summary>
[Collection(GitServerGroup.Name)]
public sealed class ViewCacheTests(GitHttpServer server)
{
    private const int Budget = 64 * 1024;

    [Fact]
    public async Task The_shared_view_cache_stays_within_its_budget_and_a_workspace_whose_parts_were_dropped_answers_the_same_bytes()
    {
        var cluster = $"v{Guid.NewGuid():N}"[..9] + ".apps.test";
        // Ten changes of a 4 KB prompt each: one workspace's entries (prompt and diff) alone are more than the budget.
        using var first = LargeHistory("one");
        using var second = LargeHistory("two");
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:Credentials:user81:GitPassword"] = server.PublishWithNewPassword(cluster, "user81", first);
        settings["PromptWatch:Workspaces:Credentials:user82:GitPassword"] = server.PublishWithNewPassword(cluster, "user82", second);
        settings["PromptWatch:Workspaces:ViewCacheBytes"] = Budget.ToString(CultureInfo.InvariantCulture);
        await using var host = await WorkspaceHost.StartAsync(settings);
        await host.WaitForFirstScanAsync($"user81/{cluster}");
        await host.WaitForFirstScanAsync($"user82/{cluster}");
        var views = host.Manager.ViewCache;
        Assert.Equal(Budget, views.BudgetBytes);

        var page = await GetBytesAsync(host, $"user81/{cluster}/api/changes?limit=2");
        Assert.InRange(views.Bytes, 1, Budget);
        var kept = views.Count;
        Assert.Equal(2, kept);

        // The other workspace's pages push the first one's parts out: the least recently used go, the budget holds.
        var evicted = views.Evicted;
        var other = await GetBytesAsync(host, $"user82/{cluster}/api/changes?limit=50");
        Assert.True(views.Evicted > evicted, $"nothing was evicted ({views.Bytes} bytes in {views.Count} parts)");
        Assert.InRange(views.Bytes, 1, Budget);
        using (var otherPage = JsonDocument.Parse(other))
        {
            Assert.Equal(10, otherPage.RootElement.GetProperty("items").GetArrayLength());
            Assert.All(otherPage.RootElement.GetProperty("items").EnumerateArray(), e => Assert.Contains("Prompt two", e.GetProperty("prompt").GetString(), StringComparison.Ordinal));
        }

        // The first workspace, whose parts were dropped, serializes them again: the same bytes as before.
        Assert.Equal(page, await GetBytesAsync(host, $"user81/{cluster}/api/changes?limit=2"));
        Assert.InRange(views.Bytes, 1, Budget);

        // Its whole timeline is larger than the budget: served without being kept, the same bytes every time, and its
        // first entries are those of the page.
        var whole = await GetBytesAsync(host, $"user81/{cluster}/api/changes");
        Assert.True(whole.Length > Budget, $"the whole timeline is {whole.Length} bytes");
        Assert.Equal(whole, await GetBytesAsync(host, $"user81/{cluster}/api/changes"));
        Assert.InRange(views.Bytes, 1, Budget);
        using var wholeTimeline = JsonDocument.Parse(whole);
        using var firstPage = JsonDocument.Parse(page);
        Assert.Equal(10, wholeTimeline.RootElement.GetArrayLength());
        var items = firstPage.RootElement.GetProperty("items");
        for (var i = 0; i < 2; i++) Assert.Equal(wholeTimeline.RootElement[i].GetRawText(), items[i].GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_workspace_closes_its_repository_between_scans_unless_told_to_keep_it_open(bool keepOpen)
    {
        var cluster = $"r{Guid.NewGuid():N}"[..9] + ".apps.test";
        var user = keepOpen ? "user84" : "user83";
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "First prompt.");
        var bare = server.Publish(cluster, user, repository);
        var password = Guid.NewGuid().ToString("N");
        server.AddUser(user, password);
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings[$"PromptWatch:Workspaces:Credentials:{user}:GitPassword"] = password;
        settings["PromptWatch:Workspaces:KeepRepositoriesOpen"] = keepOpen ? "true" : "false";
        await using var host = await WorkspaceHost.StartAsync(settings);

        var scanned = await host.WaitForFirstScanAsync($"{user}/{cluster}");
        Assert.True(scanned.GetProperty("last_scan_ok").GetBoolean(), scanned.GetRawText());
        var clone = Path.Combine(cache.Path, cluster, user);
        // An open libgit2 repository keeps its pack files open and their indexes mapped; a closed one neither.
        if (keepOpen) Assert.NotEmpty(HeldUnder(clone));
        else Assert.Empty(HeldUnder(clone));

        // The next scan opens the clone again, fetches the new commit and closes it once more.
        repository.Set("prod", "summarize", "gpt-4o", "Second prompt.");
        GitHttpServer.Push(repository, bare);
        using (var refresh = await host.Client.PostAsync(new Uri($"{user}/{cluster}/api/refresh", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        }

        var changes = await host.GetJsonAsync($"{user}/{cluster}/api/changes");
        Assert.Equal("Second prompt.", changes[0].GetProperty("prompt").GetString());
        if (keepOpen) Assert.NotEmpty(HeldUnder(clone));
        else Assert.Empty(HeldUnder(clone));
    }

    private static WatchedRepository LargeHistory(string name)
    {
        var repository = new WatchedRepository();
        for (var i = 0; i < 10; i++)
        {
            var prompt = new StringBuilder().Append("Prompt ").Append(name).Append(' ').Append(i).Append(':');
            for (var word = 0; prompt.Length < 4_000; word++) prompt.Append(' ').Append(name).Append(word + i);
            repository.Set("prod", "summarize", "gpt-4o", prompt.ToString());
        }

        return repository;
    }

    private static async Task<byte[]> GetBytesAsync(WorkspaceHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The files under <paramref name="folder"/> this process has open or mapped (Linux: <c>/proc/self</c>).</summary>
    private static List<string> HeldUnder(string folder)
    {
        var prefix = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var held = new List<string>();
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(prefix, StringComparison.Ordinal)) held.Add(target);
            }
            catch (IOException)
            {
                // Closed while listed.
            }
        }

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at >= 0) held.Add(line[at..]);
        }

        return held;
    }
}
