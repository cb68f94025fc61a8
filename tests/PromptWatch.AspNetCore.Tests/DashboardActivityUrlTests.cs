using System.Text;
using PromptWatch.AspNetCore.Dashboard;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The dashboard page carries the Activity panel's data URL, encoded, or nothing (the panel then stays hidden).</summary>
public sealed class DashboardActivityUrlTests
{
    private static string Page(string? activityUrl) => Encoding.UTF8.GetString(new DashboardAssets(TimeSpan.FromSeconds(30), activityUrl).Find("index.html")!.Content);

    [Fact]
    public void The_url_is_in_a_data_attribute_and_html_encoded()
    {
        Assert.Contains("data-activity-url=\"api/monitor/dashboard\"", Page("api/monitor/dashboard"), StringComparison.Ordinal);
        var hostile = Page("x\"><script>alert(1)</script>");
        Assert.DoesNotContain("<script>alert(1)", hostile, StringComparison.Ordinal);
        Assert.Contains("data-activity-url=\"x&quot;&gt;&lt;script&gt;", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_url_the_panel_is_hidden_and_its_files_are_served()
    {
        var page = Page(null);
        Assert.Contains("data-activity-url=\"\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"activity\" data-testid=\"activity\" aria-labelledby=\"activity-title\" hidden", page, StringComparison.Ordinal);
        var assets = new DashboardAssets(TimeSpan.FromSeconds(30));
        Assert.Equal("text/javascript; charset=utf-8", assets.Find("activity.js")!.ContentType);
        Assert.Equal("text/css; charset=utf-8", assets.Find("activity.css")!.ContentType);
    }
}
