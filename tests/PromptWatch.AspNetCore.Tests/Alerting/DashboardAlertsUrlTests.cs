using System.Text;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// The dashboard page carries the Alerts panel's URL (PromptWatchEndpointOptions.AlertsUrl), encoded, or nothing: the
/// panel then stays hidden. The sample, which maps the alert routes, turns the panel on.
/// </summary>
public sealed class DashboardAlertsUrlTests
{
    private static string Page(string? alertsUrl) => Encoding.UTF8.GetString(new DashboardAssets(TimeSpan.FromSeconds(30), alertsUrl: alertsUrl).Find("index.html")!.Content);

    [Fact]
    public void The_url_is_in_a_data_attribute_and_html_encoded()
    {
        Assert.Contains("data-alerts-url=\"api/alerts\"", Page("api/alerts"), StringComparison.Ordinal);
        var hostile = Page("x\"><script>alert(1)</script>");
        Assert.DoesNotContain("<script>alert(1)", hostile, StringComparison.Ordinal);
        Assert.Contains("data-alerts-url=\"x&quot;&gt;&lt;script&gt;", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_url_the_panel_is_hidden_and_its_files_are_served()
    {
        var page = Page(null);
        Assert.Contains("data-alerts-url=\"\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"alerts\" data-testid=\"alerts\" aria-labelledby=\"alerts-title\" hidden", page, StringComparison.Ordinal);
        var assets = new DashboardAssets(TimeSpan.FromSeconds(30));
        Assert.Equal("text/javascript; charset=utf-8", assets.Find("alerts.js")!.ContentType);
        Assert.Equal("text/css; charset=utf-8", assets.Find("alerts.css")!.ContentType);
    }

    [Fact]
    public async Task The_sample_dashboard_has_the_panel_on()
    {
        using var repository = new WatchedRepository();
        repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        using var host = new PromptWatchHost(repository.Path);
        using var client = host.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-alerts-url=\"api/alerts\"", page, StringComparison.Ordinal);
    }
}
