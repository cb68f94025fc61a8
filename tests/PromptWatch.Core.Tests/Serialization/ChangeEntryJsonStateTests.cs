using System.Text.Json;
using PromptWatch.Model;
using PromptWatch.Serialization;
using static PromptWatch.Tests.Serialization.ChangeEntries;

namespace PromptWatch.Tests.Serialization;

/// <summary>The JSON of additions, changes and removals: field names, values and formats.</summary>
public sealed class ChangeEntryJsonStateTests
{
    private static readonly string[] AllFields =
    [
        "environment", "usecase", "kind", "model", "prompt", "enabled", "temperature", "top_k", "top_p", "max_tokens", "extras",
        "commit_hash", "commit_sha", "commit_date", "commit_message", "commit_author_name", "commit_author_email", "file_path",
        "changed_fields", "previous_values", "previous_commit_sha", "is_latest", "diff", "error",
    ];

    [Fact]
    public void An_addition_has_every_field_with_the_new_state()
    {
        using var json = ToJson(Entry(ChangeKind.Added, First, ["model", "prompt", "enabled", "temperature", "top_p", "max_tokens", "extras.region"], null, null));
        var root = json.RootElement;

        Assert.Equal(AllFields, Names(root));
        Assert.Equal("prod", root.GetProperty("environment").GetString());
        Assert.Equal("summarize", root.GetProperty("usecase").GetString());
        Assert.Equal("added", root.GetProperty("kind").GetString());
        Assert.Equal("gpt-4o", root.GetProperty("model").GetString());
        Assert.Equal("Summarize.\nBe brief.", root.GetProperty("prompt").GetString());
        Assert.True(root.GetProperty("enabled").GetBoolean());
        Assert.Equal(0.2, root.GetProperty("temperature").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("top_k").ValueKind);
        Assert.Equal(0.9, root.GetProperty("top_p").GetDouble());
        Assert.Equal(512, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal("eu", root.GetProperty("extras").GetProperty("region").GetString());
        Assert.Equal("0123456", root.GetProperty("commit_hash").GetString());
        Assert.Equal(Commit.Sha, root.GetProperty("commit_sha").GetString());
        Assert.Equal("2026-03-01T12:00:00+01:00", root.GetProperty("commit_date").GetString());
        Assert.Equal("Use a newer model\n\nLonger text.", root.GetProperty("commit_message").GetString());
        Assert.Equal("Test Author", root.GetProperty("commit_author_name").GetString());
        Assert.Equal("author@example.com", root.GetProperty("commit_author_email").GetString());
        Assert.Equal("chart/values-prod.yaml", root.GetProperty("file_path").GetString());
        Assert.Equal(7, root.GetProperty("changed_fields").GetArrayLength());
        Assert.Empty(Names(root.GetProperty("previous_values")));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("previous_commit_sha").ValueKind);
        Assert.True(root.GetProperty("is_latest").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);

        var diff = root.GetProperty("diff").EnumerateArray().ToArray();
        Assert.Equal(2, diff.Length);
        Assert.Equal("inserted", diff[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, diff[0].GetProperty("old_number").ValueKind);
        Assert.Equal(JsonValueKind.Null, diff[0].GetProperty("old_text").ValueKind);
        Assert.Equal(1, diff[0].GetProperty("new_number").GetInt32());
        Assert.Equal("Summarize.", diff[0].GetProperty("new_text").GetString());
        Assert.Equal("Be brief.", diff[1].GetProperty("new_text").GetString());
    }

    [Fact]
    public void A_change_lists_the_previous_values_of_the_changed_fields_only()
    {
        var changed = Second.ChangedFieldsSince(First);
        using var json = ToJson(Entry(ChangeKind.Changed, Second, changed, First, PreviousSha));
        var root = json.RootElement;

        Assert.Equal(AllFields, Names(root));
        Assert.Equal("changed", root.GetProperty("kind").GetString());
        Assert.Equal("gpt-4.1", root.GetProperty("model").GetString());
        Assert.Equal(0.7, root.GetProperty("temperature").GetDouble());
        Assert.Equal(["model", "temperature"], root.GetProperty("changed_fields").EnumerateArray().Select(static f => f.GetString()));
        var previous = root.GetProperty("previous_values");
        Assert.Equal(["model", "temperature"], Names(previous));
        Assert.Equal("gpt-4o", previous.GetProperty("model").GetString());
        Assert.Equal("0.2", previous.GetProperty("temperature").GetString());
        Assert.Equal(PreviousSha, root.GetProperty("previous_commit_sha").GetString());
        Assert.All(root.GetProperty("diff").EnumerateArray(), static row => Assert.Equal("unchanged", row.GetProperty("kind").GetString()));
    }

    [Fact]
    public void A_removal_shows_the_previous_state()
    {
        using var json = ToJson(Entry(ChangeKind.Removed, null, [], Second, PreviousSha));
        var root = json.RootElement;

        Assert.Equal(AllFields, Names(root));
        Assert.Equal("removed", root.GetProperty("kind").GetString());
        Assert.Equal("summarize", root.GetProperty("usecase").GetString());
        Assert.Equal("gpt-4.1", root.GetProperty("model").GetString());
        Assert.Equal("Summarize.\nBe brief.", root.GetProperty("prompt").GetString());
        Assert.Equal(JsonValueKind.True, root.GetProperty("enabled").ValueKind);
        Assert.Equal("eu", root.GetProperty("extras").GetProperty("region").GetString());
        Assert.Equal(0, root.GetProperty("changed_fields").GetArrayLength());
        Assert.Empty(Names(root.GetProperty("previous_values")));
        Assert.Equal(PreviousSha, root.GetProperty("previous_commit_sha").GetString());
        Assert.All(root.GetProperty("diff").EnumerateArray(), static row =>
        {
            Assert.Equal("deleted", row.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("new_text").ValueKind);
        });
    }

    [Fact]
    public void A_modified_diff_row_carries_its_word_pieces_and_no_other_row_does()
    {
        var edited = Second with { Prompt = "Summarize.\nBe short." };
        using var json = ToJson(Entry(ChangeKind.Changed, edited, edited.ChangedFieldsSince(Second), Second, PreviousSha));
        var diff = json.RootElement.GetProperty("diff").EnumerateArray().ToArray();

        Assert.Equal(["kind", "old_number", "old_text", "new_number", "new_text"], Names(diff[0]));
        Assert.Equal("modified", diff[1].GetProperty("kind").GetString());
        Assert.Equal(["kind", "old_number", "old_text", "new_number", "new_text", "old_pieces", "new_pieces"], Names(diff[1]));
        Assert.Equal([("Be ", "unchanged"), ("brief", "deleted"), (".", "unchanged")], Pieces(diff[1].GetProperty("old_pieces")));
        Assert.Equal([("Be ", "unchanged"), ("short", "inserted"), (".", "unchanged")], Pieces(diff[1].GetProperty("new_pieces")));
    }

    [Fact]
    public void Without_the_diff_the_field_is_left_out_and_more_fields_can_be_added()
    {
        using var json = ToJson(
            Entry(ChangeKind.Added, First, ["model"], null, null),
            includeDiff: false,
            writeMore: static (writer, entry) => writer.WriteString("extra_field", entry.UseCase));
        var root = json.RootElement;

        Assert.False(root.TryGetProperty("diff", out _));
        Assert.Equal("summarize", root.GetProperty("extra_field").GetString());
        Assert.Equal("extra_field", Names(root)[^1]);
    }

    [Theory]
    [InlineData(0, "2026-03-01T12:00:00+00:00")]
    [InlineData(-330, "2026-03-01T12:00:00-05:30")]
    [InlineData(60, "2026-03-01T12:00:00+01:00")]
    public void Commit_dates_keep_their_offset_to_the_second(int offsetMinutes, string expected)
    {
        var date = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 500, TimeSpan.FromMinutes(offsetMinutes));

        Assert.Equal(expected, ChangeEntryJson.FormatDate(date));
    }

    private static (string?, string?)[] Pieces(JsonElement pieces) =>
        [.. pieces.EnumerateArray().Select(static p => (p.GetProperty("text").GetString(), p.GetProperty("type").GetString()))];
}
