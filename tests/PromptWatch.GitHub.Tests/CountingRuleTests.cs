using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>The counting rules on variants of the fixtures that the fixtures themselves do not cover.</summary>
public sealed class CountingRuleTests
{
    public static TheoryData<string, string, Dictionary<string, long>> Variants() => new()
    {
        { "pull_request", "merged", new() { ["pulls_merged"] = 1 } },
        { "pull_request", "unmergeable", new() { ["conflicts"] = 1 } },
        { "pull_request", "dirty", new() { ["conflicts"] = 1 } },
        { "issues", "closed", new() { ["issues_closed"] = 1 } },
        { "check_suite", "failure", new() { ["build_failures"] = 1 } },
        { "check_suite", "timed_out", new() { ["build_failures"] = 1 } },
        { "workflow_run", "failure", new() { ["build_failures"] = 1 } },
        { "check_run", "unit tests failed", new() { ["test_failures"] = 1 } },
        { "check_run", "linter failed", new() },
        { "workflow_job", "e2e failed", new() { ["test_failures"] = 1 } },
        { "workflow_job", "Spec timed out", new() { ["test_failures"] = 1 } },
        { "deployment", "hotfix ref", new() { ["deployments"] = 1, ["hotfixes"] = 1 } },
        { "release", "hotfix published", new() { ["hotfixes"] = 1 } },
        { "release", "hotfix created", new() },
        { "create", "hotfix branch", new() { ["hotfixes"] = 1 } },
        { "create", "hotfix tag", new() },
        { "push", "duplicate commit ids", new() { ["pushes"] = 1, ["commits"] = 2 } },
        { "push", "commits already pushed", new() { ["pushes"] = 1, ["commits"] = 1 } },
        { "star", "unknown event", new() { ["other"] = 1 } },
    };

    // GitHub marks commits that were already pushed (to another branch) distinct: false.
    private static byte[] AlreadyPushed(byte[] push)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(push)!;
        node["commits"]![0]!["distinct"] = false;
        node["commits"]![2]!["distinct"] = false;
        return Payloads.Bytes(node);
    }

    private static byte[] Body(string eventName, string variant) => (eventName, variant) switch
    {
        ("pull_request", "merged") => Payloads.With("pull_request/closed.payload.json", p => p["pull_request"]!["merged"] = true),
        ("pull_request", "unmergeable") => Payloads.With("pull_request/synchronize.payload.json", p => p["pull_request"]!["mergeable"] = false),
        ("pull_request", "dirty") => Payloads.With("pull_request/labeled.payload.json", p => p["pull_request"]!["mergeable_state"] = "dirty"),
        ("issues", "closed") => Payloads.With("issues/reopened.payload.json", p => p["action"] = "closed"),
        ("check_suite", "failure") => Payloads.With("check_suite/completed.payload.json", p => p["check_suite"]!["conclusion"] = "failure"),
        ("check_suite", "timed_out") => Payloads.With("check_suite/completed.payload.json", p => p["check_suite"]!["conclusion"] = "timed_out"),
        ("workflow_run", "failure") => Payloads.With("workflow_run/completed.payload.json", p => p["workflow_run"]!["conclusion"] = "failure"),
        ("check_run", "unit tests failed") => Payloads.With("check_run/completed.1.payload.json", p => p["check_run"]!["name"] = "Unit tests"),
        ("check_run", "linter failed") => Fixtures.Read("check_run/completed.1.payload.json"),
        ("workflow_job", "e2e failed") => Payloads.With("workflow_job/completed.failure.with-organization.payload.json", p => p["workflow_job"]!["name"] = "e2e (chromium)"),
        ("workflow_job", "Spec timed out") => Payloads.With("workflow_job/completed.failure.with-organization.payload.json", p =>
        {
            p["workflow_job"]!["name"] = "Spec";
            p["workflow_job"]!["conclusion"] = "timed_out";
        }),
        ("deployment", "hotfix ref") => Payloads.With("deployment/payload.json", p => p["deployment"]!["ref"] = "hotfix/login-crash"),
        ("release", "hotfix published") => Payloads.With("release/published.payload.json", p => p["release"]!["tag_name"] = "v1.2.1-HOTFIX"),
        ("release", "hotfix created") => Payloads.With("release/created.payload.json", p => p["release"]!["tag_name"] = "v1.2.1-hotfix"),
        ("create", "hotfix branch") => Payloads.With("create/payload.json", p =>
        {
            p["ref"] = "hotfix/login";
            p["ref_type"] = "branch";
        }),
        ("create", "hotfix tag") => Payloads.With("create/payload.json", p => p["ref"] = "hotfix-1"),
        ("push", "duplicate commit ids") => Payloads.Push("main", "octo/app", ("aaa1", [], ["a.txt"]), ("bbb2", [], ["b.txt"]), ("aaa1", [], ["a.txt"])),
        ("push", "commits already pushed") => AlreadyPushed(Payloads.Push("main", "octo/app", ("aaa1", [], ["a.txt"]), ("bbb2", [], ["b.txt"]), ("ccc3", [], ["c.txt"]))),
        ("star", _) => """{"action":"created","starred_at":"2026-01-01T00:00:00Z"}"""u8.ToArray(),
        _ => throw new ArgumentException(variant),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task A_variant_changes_its_counters(string eventName, string variant, Dictionary<string, long> expected)
    {
        await using var host = await GitHubHost.StartAsync();
        using var response = await host.PostAsync(eventName, Body(eventName, variant));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(1);
        var counters = await host.CountersAsync();
        foreach (var (counter, value) in counters) Assert.True(expected.GetValueOrDefault(counter) == value, $"{variant}: {counter} = {value}");
    }

    [Fact]
    public async Task Rules_are_configurable()
    {
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.Rules.TestNamePatterns.Add("lint");
            o.Rules.HotfixPatterns.Add("^patch-");
        });
        using var lint = await host.PostAsync("check_run", Fixtures.Read("check_run/completed.1.payload.json"));
        using var patch = await host.PostAsync("create", Payloads.With("create/payload.json", p =>
        {
            p["ref"] = "patch-7";
            p["ref_type"] = "branch";
        }));
        using var hotfix = await host.PostAsync("create", Payloads.With("create/payload.json", p =>
        {
            p["ref"] = "hotfix/x";
            p["ref_type"] = "branch";
        }));
        await host.WaitProcessedAsync(3);
        var counters = await host.CountersAsync();
        Assert.Equal(1, counters["test_failures"]);
        // A configured list replaces the defaults: "hotfix" is no longer a pattern.
        Assert.Equal(1, counters["hotfixes"]);
    }

    [Fact]
    public async Task The_dashboard_endpoint_has_the_agreed_shape()
    {
        await using var host = await GitHubHost.StartAsync();
        using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c1", [], ["x"])));
        await host.WaitProcessedAsync(1);
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative)));
        var root = document.RootElement;
        Assert.Equal("UTC", root.GetProperty("time_zone").GetString());
        // The host's clock starts on a Wednesday at 12:00 UTC: the push falls in that week and that hour whenever the test runs.
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), root.GetProperty("week_start").GetDateTimeOffset());
        Assert.Equal(1, root.GetProperty("counters").GetProperty("commits").GetInt64());
        var trend = root.GetProperty("trends").GetProperty("commits");
        Assert.Equal(24, trend.GetArrayLength());
        Assert.Equal(1, trend[23].GetProperty("count").GetInt64());
        Assert.Equal(MidWeekClock.Start, trend[23].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(MidWeekClock.Start.AddHours(-23), trend[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("alerts").ValueKind);
        Assert.Equal(13, root.GetProperty("counters").EnumerateObject().Count());
    }
}
