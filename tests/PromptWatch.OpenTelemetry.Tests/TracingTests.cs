using System.Diagnostics;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.OpenTelemetry.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.OpenTelemetry.Tests;

/// <summary>Spans and dependency metrics of refreshes of real repositories, exported through OpenTelemetry.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _cache = new();

    [Fact]
    public async Task A_refresh_of_a_cloned_repository_makes_refresh_fetch_and_scan_spans()
    {
        _repository.Set("prod", "summarizer", "gpt-4o", "Summarize.");
        using var monitor = new InstrumentedMonitor(new Uri(_repository.Path).AbsoluteUri, _cache.Path);

        var result = await monitor.Monitor.RefreshAsync();

        Assert.True(result.Ok, string.Join(" ", result.Errors.Values));
        var spans = monitor.EndedSpans();
        var refresh = Assert.Single(spans, s => s.OperationName == "promptwatch.refresh");
        var fetch = Assert.Single(spans, s => s.OperationName == "promptwatch.fetch");
        var scan = Assert.Single(spans, s => s.OperationName == "promptwatch.scan");
        Assert.Equal("service", refresh.GetTagItem("promptwatch.repository"));
        Assert.Equal("service", fetch.GetTagItem("promptwatch.repository"));
        Assert.Equal(true, fetch.GetTagItem("promptwatch.fetched"));
        Assert.Equal("full", scan.GetTagItem("promptwatch.scan.kind"));
        // Fetch and scan are parts of the refresh.
        Assert.Equal(refresh.SpanId, fetch.ParentSpanId);
        Assert.Equal(refresh.SpanId, scan.ParentSpanId);
        Assert.All([refresh, fetch, scan], s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));

        var git = Assert.Single(monitor.Points("promptwatch.dependency.duration"), p => Equals(p.Tags["promptwatch.dependency"], "git"));
        Assert.Equal("success", git.Tags["promptwatch.outcome"]);
        Assert.Equal(1, git.Point.GetHistogramCount());
    }

    [Fact]
    public async Task A_failing_fetch_has_error_status_and_error_type_and_counts_as_a_failed_git_call()
    {
        var missing = new Uri(Path.Combine(_cache.Path, "no-such-repository.git")).AbsoluteUri;
        using var monitor = new InstrumentedMonitor(missing, _cache.Path);

        var result = await monitor.Monitor.RefreshAsync();

        Assert.False(result.Ok);
        var spans = monitor.EndedSpans();
        var fetch = Assert.Single(spans, s => s.OperationName == "promptwatch.fetch");
        var refresh = Assert.Single(spans, s => s.OperationName == "promptwatch.refresh");
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal(ActivityStatusCode.Error, refresh.Status);
        Assert.Contains("Could not clone", fetch.StatusDescription, StringComparison.Ordinal);
        Assert.Equal("LibGit2Sharp.LibGit2SharpException", fetch.GetTagItem("error.type"));
        Assert.Equal(fetch.GetTagItem("error.type"), refresh.GetTagItem("error.type"));
        Assert.DoesNotContain(spans, s => s.OperationName == "promptwatch.scan");

        var git = Assert.Single(monitor.Points("promptwatch.dependency.duration"), p => Equals(p.Tags["promptwatch.dependency"], "git"));
        Assert.Equal("failure", git.Tags["promptwatch.outcome"]);
        Assert.Equal("LibGit2Sharp.LibGit2SharpException", git.Tags["error.type"]);
        // A missing repository is not refused credentials.
        Assert.Empty(monitor.Points("promptwatch.dependency.auth_failures"));
    }

    [Fact]
    public async Task Refused_git_credentials_count_as_an_auth_failure_of_git()
    {
        using var server = new GitHttpServer();
        server.PublishWithNewPassword("otel", "reader", _repository);
        var url = $"{server.BaseUrl}/otel/reader/canopy-be.git";
        using var monitor = new InstrumentedMonitor(url, _cache.Path, username: "reader", password: "not-the-password");

        var result = await monitor.Monitor.RefreshAsync();

        Assert.False(result.Ok);
        var fetch = Assert.Single(monitor.EndedSpans(), s => s.OperationName == "promptwatch.fetch");
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Contains("authentication failed", fetch.StatusDescription, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", fetch.StatusDescription, StringComparison.Ordinal);
        var refused = Assert.Single(monitor.Points("promptwatch.dependency.auth_failures"));
        Assert.Equal("git", refused.Tags["promptwatch.dependency"]);
        Assert.Equal(1, refused.Point.GetSumLong());
    }

    public void Dispose()
    {
        _repository.Dispose();
        _cache.Dispose();
    }
}
