using Microsoft.Playwright;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The dashboard's "Slowest operations" panel in a real browser: after a scan it lists scan with its p95.</summary>
public sealed class PerformancePanelBrowserTests : SampleDashboardBrowserTest
{
    [Fact]
    public async Task After_a_scan_the_panel_lists_scan_with_its_p95()
    {
        var page = await OpenAfterScanAsync();

        var panel = page.GetByTestId("performance");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("Slowest operations");
        var scan = panel.Locator("tbody tr").Filter(new LocatorFilterOptions { Has = page.Locator("th", new PageLocatorOptions { HasTextString = "scan" }) }).First;
        await Assertions.Expect(scan.Locator("td").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9.]+ m?s$"));
    }
}
