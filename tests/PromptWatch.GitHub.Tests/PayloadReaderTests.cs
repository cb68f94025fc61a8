using System.Text;
using System.Text.Json;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.Issues;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>The receiver's reading of a body into its Octokit.Webhooks event, before it is queued.</summary>
public sealed class PayloadReaderTests
{
    private static (Octokit.Webhooks.WebhookEvent? Payload, string? UnknownAction) Read(string eventName, string body) =>
        GitHubPayloadReader.Read(eventName, Encoding.UTF8.GetBytes(body));

    public static TheoryData<string> HandledEventNames() => [.. HandledEvents.Names.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(HandledEventNames))]
    public void Every_action_Octokit_names_for_a_handled_event_is_read_into_its_typed_event(string eventName)
    {
        Assert.True(HandledEvents.TryGet(eventName, out var handled));
        if (handled.Actions is null)
        {
            var (payload, unknown) = Read(eventName, "{}");
            Assert.IsAssignableFrom(handled.Type, payload);
            Assert.Null(unknown);
            return;
        }

        Assert.NotEmpty(handled.Actions);
        foreach (var action in handled.Actions)
        {
            var (payload, unknown) = Read(eventName, $$"""{"action":"{{action}}"}""");
            Assert.NotNull(payload);
            Assert.IsAssignableFrom(handled.Type, payload);
            Assert.Equal(action, payload.Action);
            Assert.Null(unknown);
        }
    }

    [Fact]
    public void A_body_without_the_members_the_model_requires_is_read_from_what_it_has()
    {
        var (payload, _) = Read("issues", """{"action":"opened","issue":{"number":7,"title":"Login fails"},"repository":{"full_name":"octo/app"}}""");
        var opened = Assert.IsType<IssuesOpenedEvent>(payload);
        Assert.Equal(7, opened.Issue.Number);
        Assert.Equal("Login fails", opened.Issue.Title);
        Assert.Equal("octo/app", opened.Repository?.FullName);
        Assert.Null(opened.Issue.Labels);
    }

    [Fact]
    public void Every_fixture_is_read_with_all_its_members()
    {
        foreach (var (eventName, file) in Fixtures.All())
        {
            var (payload, unknown) = GitHubPayloadReader.Read(eventName, Fixtures.Read(file));
            Assert.True(payload is not null && unknown is null, file);
            Assert.True(payload.Sender is not null, $"{file}: no sender");
        }
    }

    [Fact]
    public void Other_events_and_unknown_actions_have_no_payload()
    {
        Assert.Equal((null, null), Read("star", """{"action":"created"}"""));
        Assert.Equal((null, "frobnicated"), Read("issues", """{"action":"frobnicated","issue":{"number":1}}"""));
        Assert.Equal((null, string.Empty), Read("issues", """{"issue":{"number":1}}"""));
        Assert.Equal((null, string.Empty), Read("issues", $$"""{"action":"{{new string('a', 65)}}"}"""));
    }

    [Theory]
    [InlineData("push", """{"ref": 5}""")]
    [InlineData("push", """{"commits": [{"added": "a.txt"}]}""")]
    [InlineData("issues", """{"action":"opened","issue":{"number":"one"}}""")]
    [InlineData("issues", """{"action":"opened","issue":{"created_at":"yesterday"}}""")]
    [InlineData("issues", """{"action":"opened","issue":{"created_at":99999999999999999}}""")]
    [InlineData("check_suite", """{"action":"completed","check_suite":{"conclusion":5}}""")]
    [InlineData("create", """{"ref":"x","ref_type":["branch"]}""")]
    [InlineData("star", """[]""")]
    [InlineData("issues", """{"action":"opened"} {}""")]
    public void A_field_of_the_wrong_type_or_format_is_a_JSON_error(string eventName, string body) =>
        Assert.ThrowsAny<JsonException>(() => Read(eventName, body));
}
