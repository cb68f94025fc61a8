using System.Text;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The dashboard page carries the Activity panel's data URL (PromptWatchEndpointOptions.ActivityUrl) and the Alerts
/// panel's (AlertsUrl), encoded, or nothing: the panel then stays hidden, its files served all the same. The sample,
/// which maps the alert routes, turns the Alerts panel on.
/// </summary>
public sealed class DashboardPanelUrlTests
{
    [Theory]
    [InlineData("activity", "api/monitor/dashboard")]
    [InlineData("alerts", "api/alerts")]
    public void The_url_is_in_a_data_attribute_and_html_encoded(string panel, string url)
    {
        Assert.Contains($"data-{panel}-url=\"{url}\"", Page(panel, url), StringComparison.Ordinal);
        var hostile = Page(panel, "x\"><script>alert(1)</script>");
        Assert.DoesNotContain("<script>alert(1)", hostile, StringComparison.Ordinal);
        Assert.Contains($"data-{panel}-url=\"x&quot;&gt;&lt;script&gt;", hostile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("activity")]
    [InlineData("alerts")]
    public void Without_a_url_the_panel_is_hidden_and_its_files_are_served(string panel)
    {
        var page = Page(panel, null);
        Assert.Contains($"data-{panel}-url=\"\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"{panel}\" data-testid=\"{panel}\" aria-labelledby=\"{panel}-title\" hidden", page, StringComparison.Ordinal);
        var assets = new DashboardAssets(TimeSpan.FromSeconds(30));
        Assert.Equal("text/javascript; charset=utf-8", assets.Find(panel + ".js")!.ContentType);
        Assert.Equal("text/css; charset=utf-8", assets.Find(panel + ".css")!.ContentType);
    }

    [Fact]
    public async Task The_sample_dashboard_has_the_alerts_panel_on()
    {
        using var repository = new WatchedRepository();
        repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        using var host = new PromptWatchHost(repository.Path);
        using var client = host.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-alerts-url=\"api/alerts\"", page, StringComparison.Ordinal);
    }

    private static string Page(string panel, string? url) => Encoding.UTF8.GetString(
        (panel == "activity" ? new DashboardAssets(TimeSpan.FromSeconds(30), activityUrl: url) : new DashboardAssets(TimeSpan.FromSeconds(30), alertsUrl: url)).Find("index.html")!.Content);
}
