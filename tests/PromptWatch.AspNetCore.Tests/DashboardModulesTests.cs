using System.Net;
using System.Text.RegularExpressions;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The dashboard's script is native ES modules: one entry in the page, each module served like every dashboard file.</summary>
public sealed partial class DashboardModulesTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    [Fact]
    public async Task The_page_loads_one_entry_module_that_reaches_every_script_by_relative_imports_each_served_as_javascript_with_an_etag()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        using var host = new PromptWatchHost(_repository.Path);
        using var client = host.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(["<script type=\"module\" src=\"dashboard/app.js\"></script>"], ScriptTag().Matches(page).Select(static m => m.Value));

        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["app.js"]);
        while (pending.TryDequeue(out var module))
        {
            if (!reached.Add(module)) continue;
            var source = await GetModuleAsync(client, module);
            Assert.DoesNotContain("import(", source, StringComparison.Ordinal);
            Assert.DoesNotContain("eval(", source, StringComparison.Ordinal);
            Assert.All(source.Split('\n').Where(static line => line.StartsWith("import", StringComparison.Ordinal)), static line => Assert.Matches(Import(), line));
            foreach (Match import in Import().Matches(source))
            {
                var specifier = import.Groups["from"].Value;
                // Relative to the module's own URL, so they resolve under any prefix the dashboard is mapped at.
                Assert.Matches("^\\./[a-z]+\\.js$", specifier);
                pending.Enqueue(specifier[2..]);
            }
        }

        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "PromptWatch.AspNetCore", "Dashboard"), "*.js").Select(Path.GetFileName);
        Assert.Equal(sources.Order(StringComparer.Ordinal), reached);
    }

    private static async Task<string> GetModuleAsync(HttpClient client, string module)
    {
        var url = new Uri($"dashboard/{module}", UriKind.Relative);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Browsers run a module only when it is served as JavaScript.
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        var etag = Assert.IsType<System.Net.Http.Headers.EntityTagHeaderValue>(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<script[^>]*>[^<]*</script>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("^(?:import|export)\\s[^;]*?\\sfrom\\s+\"(?<from>[^\"]+)\";", RegexOptions.Multiline)]
    private static partial Regex Import();

    public void Dispose() => _repository.Dispose();
}
