using System.Text;
using PromptWatch.AspNetCore.Dashboard;

namespace PromptWatch.AspNetCore.Tests;

/// <summary><see cref="PromptWatchEndpointOptions.SignInPath"/> reaches the dashboard page, which links to it after a 401.</summary>
public sealed class DashboardSignInTests
{
    private static string Page(string? signInPath) => Encoding.UTF8.GetString(new DashboardAssets(TimeSpan.FromSeconds(30), signInPath: signInPath).Find("index.html")!.Content);

    [Fact]
    public void The_page_names_the_sign_in_endpoint_html_encoded_and_names_none_without_one()
    {
        Assert.Contains("data-sign-in-url=\"/signin?tenant=a&amp;b\"", Page("/signin?tenant=a&b"), StringComparison.Ordinal);
        Assert.Contains("data-sign-in-url=\"\"", Page(null), StringComparison.Ordinal);
        Assert.Contains("id=\"sign-in\" data-testid=\"sign-in\" href=\"#\" hidden", Page("/signin"), StringComparison.Ordinal);
    }
}
