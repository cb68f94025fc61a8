using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;

namespace PromptWatch.Workspaces.Tests;

/// <summary>The host maps the workspace routes itself, and only when workspaces are added and enabled.</summary>
public sealed class MappingTests
{
    [Fact]
    public async Task Mapping_workspaces_without_adding_them_says_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddPromptWatch();
        await using var app = builder.Build();

        var failure = Assert.Throws<InvalidOperationException>(() => app.MapPromptWatchWorkspaces("/"));

        Assert.Contains("AddWorkspaces()", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)]
    public async Task Workspace_routes_are_mapped_only_when_enabled(bool enabled, int families)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // A repository of its own: a host whose workspaces are off must have one.
        builder.Services.AddPromptWatch(static options => options.Repositories.Add(new() { Location = "unused-repository" })).AddWorkspaces(options =>
        {
            options.Enabled = enabled;
            options.GitRepoUrl = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git";
            options.AllowedClusters.Add("apps.test");
        });
        await using var app = builder.Build();

        var group = app.MapPromptWatchWorkspaces("/promptwatch/");

        Assert.NotNull(group);
        var patterns = ((IEndpointRouteBuilder)app).DataSources.SelectMany(static d => d.Endpoints).OfType<RouteEndpoint>().Select(static e => e.RoutePattern.RawText!).ToList();
        Assert.Equal(families, new[] { "/promptwatch/{user}/{cluster}/api/changes", "/promptwatch/{user}/api/changes" }.Count(patterns.Contains));
        Assert.All(patterns, static p => Assert.StartsWith("/promptwatch/{user}", p, StringComparison.Ordinal));
    }
}
