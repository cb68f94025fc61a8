using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Every fixture payload, signed, through the real endpoint; counters checked against a table derived from the README's rules.</summary>
public sealed class FixtureDeliveryTests
{
    // Expected deltas, worked out from the counting rules and each file's fields (not from running the code):
    // - push: deletions count nothing (push/1, payload, with-installation, with-organization have "deleted": true);
    //   the two others push one distinct commit to master.
    // - pull_request: opened -> pulls_opened; closed with "merged": false -> pulls_closed; none is unmergeable
    //   (mergeable true or null, mergeable_state clean or unknown).
    // - issues: opened -> issues_opened; no closed fixture; labels are only "bug", not urgent.
    // - deployment: created -> deployments; refs gh-pages and master, environments github-pages and production: no hotfix.
    // - check_suite and workflow_run conclusions are success/null/action_required; the failed check_run is
    //   "Octocoders-linter" and the failed workflow_job "linters": neither matches test|spec|e2e.
    // - release tags are 0.0.1, create/delete are tags: no hotfix. status, ping, deployment_status: nothing.
    private static readonly Dictionary<string, Dictionary<string, long>> Expected = new(StringComparer.Ordinal)
    {
        ["push/with-new-branch.payload.json"] = new() { ["pushes"] = 1, ["commits"] = 1 },
        ["push/with-no-username-committer.payload.json"] = new() { ["pushes"] = 1, ["commits"] = 1 },
        ["pull_request/opened.payload.json"] = new() { ["pulls_opened"] = 1 },
        ["pull_request/opened.with-null-body.json"] = new() { ["pulls_opened"] = 1 },
        ["pull_request/opened.with-organization.payload.json"] = new() { ["pulls_opened"] = 1 },
        ["pull_request/closed.payload.json"] = new() { ["pulls_closed"] = 1 },
        ["pull_request/closed.with-organization.payload.json"] = new() { ["pulls_closed"] = 1 },
        ["issues/opened.payload.json"] = new() { ["issues_opened"] = 1 },
        ["issues/opened.with-empty-body.payload.json"] = new() { ["issues_opened"] = 1 },
        ["issues/opened.with-organization.payload.json"] = new() { ["issues_opened"] = 1 },
        ["issues/opened.with-transfer.payload.json"] = new() { ["issues_opened"] = 1 },
        ["deployment/gh-pages.payload.json"] = new() { ["deployments"] = 1 },
        ["deployment/payload.json"] = new() { ["deployments"] = 1 },
        ["deployment/with-installation.payload.json"] = new() { ["deployments"] = 1 },
    };

    [Fact]
    public void The_fixtures_are_all_there()
    {
        var all = Fixtures.All().ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(14, all.Select(f => f.Event).Distinct().Count());
        foreach (var file in Expected.Keys) Assert.Contains(all, f => f.File == file);
        Assert.True(File.Exists(Path.Combine(Fixtures.Folder, "LICENSE")));
    }

    [Fact]
    public async Task Every_fixture_is_accepted_and_changes_exactly_its_counters()
    {
        await using var host = await GitHubHost.StartAsync();
        var alerts = host.Services.GetRequiredService<GitHubAlerts>();
        var processed = 0L;
        var before = await host.CountersAsync();
        foreach (var (eventName, file) in Fixtures.All())
        {
            using var response = await host.PostAsync(eventName, Fixtures.Read(file));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await host.WaitProcessedAsync(++processed);
            var after = await host.CountersAsync();
            var expected = Expected.GetValueOrDefault(file) ?? [];
            foreach (var (counter, value) in after)
            {
                Assert.True(expected.GetValueOrDefault(counter) == value - before[counter], $"{file}: {counter} changed by {value - before[counter]}, expected {expected.GetValueOrDefault(counter)}");
            }

            // No fixture raises an alert: none pushes a sensitive file, fails a build on its default branch or carries an urgent label.
            Assert.True(alerts.Recent.Count == 0, $"{file}: alerts {string.Join(", ", alerts.Recent.Select(a => a.Kind))}");
            before = after;
        }

        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }
}
