using System.Net;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// Octokit.Webhooks has no type for an action it does not know (GitHub adds actions): such a delivery of a handled
/// event is accepted, counted as <c>other</c> and logged, never refused or failed.
/// </summary>
public sealed class UnknownActionTests
{
    public static TheoryData<string, string, string> Deliveries() => new()
    {
        { "pull_request", "an action GitHub added later", "frobnicated" },
        { "issues", "an action that is not a plain name", "(missing, or not a plain name)" },
        { "deployment", "no action at all", "(missing, or not a plain name)" },
        { "workflow_run", "a null action", "(missing, or not a plain name)" },
    };

    private static byte[] Body(string eventName) => eventName switch
    {
        "pull_request" => Payloads.With("pull_request/opened.payload.json", p => p["action"] = "frobnicated"),
        "issues" => Payloads.With("issues/opened.payload.json", p => p["action"] = "opened; DROP TABLE"),
        "deployment" => Payloads.With("deployment/payload.json", p => p.Remove("action")),
        "workflow_run" => Payloads.With("workflow_run/completed.payload.json", p => p["action"] = null),
        _ => throw new ArgumentException(eventName),
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task A_delivery_with_an_unknown_action_counts_as_other_and_is_logged(string eventName, string variant, string logged)
    {
        await using var host = await GitHubHost.StartAsync();
        var delivery = Guid.NewGuid().ToString();
        using var response = await host.PostAsync(eventName, Body(eventName), delivery);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{variant}: {(int)response.StatusCode}");
        await host.WaitProcessedAsync(1);

        var counters = await host.CountersAsync();
        foreach (var (counter, value) in counters) Assert.True(value == (counter == "other" ? 1 : 0), $"{variant}: {counter} = {value}");
        var record = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 4015);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal($"GitHub {eventName} delivery {delivery} has the action {logged}, which Octokit.Webhooks does not know: it counts as other", record.Message);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task An_unknown_action_in_a_body_that_is_not_a_JSON_object_is_still_refused()
    {
        await using var host = await GitHubHost.StartAsync();
        foreach (var body in new[] { """{"action":"frobnicated","pull_request": }"""u8.ToArray(), """{"action":"frobnicated"} []"""u8.ToArray(), """{"action":5}"""u8.ToArray() })
        {
            using var response = await host.PostAsync("pull_request", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var valid = await host.PostAsync("pull_request", """{"action":"frobnicated"}"""u8.ToArray());
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        await host.WaitProcessedAsync(1);
        Assert.Equal(1, (await host.CountersAsync())["other"]);
    }
}
