using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>What integrations build on: the route table for monitors of their own, and extra entries in /health/detailed.</summary>
public sealed class ExtensionPointTests
{
    [Fact]
    public async Task The_view_routes_serve_a_monitor_chosen_per_request_beside_the_hosts_own_and_undescribed()
    {
        using var hostRepository = new WatchedRepository();
        hostRepository.Set("prod", "summarize", "gpt-4o", "The host's prompt.");
        using var otherRepository = new WatchedRepository();
        otherRepository.Set("prod", "classify", "gpt-4o-mini", "The other prompt.");

        var builder = WebApplication.CreateSlimBuilder();
        // Nothing from the test folder: both samples' appsettings.json are copied into it, and the embedded sample's
        // watches a repository that does not exist.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Services.AddPromptWatch(options => options.Repositories.Add(new() { Name = "host", Location = hostRepository.Path }));
        await using var app = builder.Build();
        using var metrics = new PromptWatchMetrics();
        var otherOptions = new PromptWatchOptions();
        otherOptions.Repositories.Add(new() { Name = "other", Location = otherRepository.Path });
        using var other = new PromptWatchMonitor(Options.Create(otherOptions), [], metrics);
        app.MapPromptWatch("/");
        var routes = new PromptWatchViewRoutes(_ => other, static context => $"{context.Request.PathBase}/other/eval/");
        routes.Map(app.MapGroup("/other").ExcludeFromDescription(), withResults: false);
        await app.StartAsync();
        using var client = app.GetTestClient();

        foreach (var path in new[] { "/other/api/refresh", "/api/refresh" })
        {
            using var refresh = await client.PostAsync(new Uri(path, UriKind.Relative), null);
            // The body says why a refresh failed (a 502 problem details names the repository and the cause).
            Assert.True(refresh.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)refresh.StatusCode} {await refresh.Content.ReadAsStringAsync()}");
        }
        using (var changes = JsonDocument.Parse(await client.GetStringAsync(new Uri("/other/api/changes", UriKind.Relative))))
        {
            Assert.Equal(["classify"], changes.RootElement.EnumerateArray().Select(static e => e.GetProperty("usecase").GetString()));
        }

        using (var changes = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/changes", UriKind.Relative))))
        {
            Assert.Equal(["summarize"], changes.RootElement.EnumerateArray().Select(static e => e.GetProperty("usecase").GetString()));
        }

        using var dashboard = await client.GetAsync(new Uri("/other/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var viewEndpoints = endpoints.Where(static e => e.RoutePattern.RawText!.StartsWith("/other/", StringComparison.Ordinal)).ToList();
        Assert.Contains(viewEndpoints, static e => e.RoutePattern.RawText == "/other/api/events");
        Assert.All(viewEndpoints, static e => Assert.Null(e.Metadata.GetMetadata<IEndpointNameMetadata>()));
        Assert.DoesNotContain(viewEndpoints, static e => e.RoutePattern.RawText!.Contains("/eval/", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public void The_view_routes_refuse_limits_that_are_not_positive()
    {
        Assert.Throws<ArgumentException>(() => new PromptWatchViewRoutes(_ => null!, _ => "/eval/", new PromptWatchEndpointOptions { MaxPageSize = 0 }));
        Assert.Throws<ArgumentException>(() => new PromptWatchViewRoutes(_ => null!, _ => "/eval/", new PromptWatchEndpointOptions { MaxReportBytes = 0 }));
    }

    [Fact]
    public async Task Contributed_entries_follow_the_checks_in_the_detailed_report_without_changing_the_overall_status()
    {
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "Summarize.");
        using var host = new PromptWatchHost(repository.Path, configureServices: static services => services.AddSingleton<IHealthReportContributor, UnhealthyPart>());
        var client = await host.StartAsync();

        using var health = await client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var detailed = JsonDocument.Parse(await client.GetStringAsync(new Uri("health/detailed", UriKind.Relative)));
        Assert.Equal("Healthy", detailed.RootElement.GetProperty("status").GetString());
        var last = detailed.RootElement.GetProperty("checks").EnumerateArray().Last();
        Assert.Equal("test:part", last.GetProperty("name").GetString());
        Assert.Equal("Unhealthy", last.GetProperty("status").GetString());
        Assert.Equal("Broken on purpose.", last.GetProperty("description").GetString());
        Assert.Equal(["test"], last.GetProperty("tags").EnumerateArray().Select(static t => t.GetString()));
        Assert.Equal(7, last.GetProperty("data").GetProperty("answer").GetInt32());
    }

    private sealed class UnhealthyPart : IHealthReportContributor
    {
        public Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> GetEntriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>>(
            [
                new("test:part", new HealthReportEntry(HealthStatus.Unhealthy, "Broken on purpose.", TimeSpan.Zero, null, new Dictionary<string, object> { ["answer"] = 7 }, ["test"])),
            ]);
    }
}
