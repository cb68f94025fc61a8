using System.Text.Json;
using PromptWatch.Model;
using static PromptWatch.Tests.Serialization.ChangeEntries;

namespace PromptWatch.Tests.Serialization;

/// <summary>The JSON of an entry for a file version that could not be read.</summary>
public sealed class ChangeEntryJsonErrorTests
{
    [Fact]
    public void An_error_entry_has_no_use_case_state_or_diff_and_an_error_object()
    {
        using var json = ToJson(Entry(ChangeKind.Error, null, [], null, null, new ConfigError("a mapping was expected", 3, 5), useCase: null));
        var root = json.RootElement;

        Assert.Equal("error", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("usecase").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("prompt").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("enabled").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("temperature").ValueKind);
        Assert.Empty(Names(root.GetProperty("extras")));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("diff").ValueKind);
        Assert.False(root.GetProperty("is_latest").GetBoolean());
        Assert.Equal("0123456", root.GetProperty("commit_hash").GetString());
        Assert.Equal("2026-03-01T12:00:00+01:00", root.GetProperty("commit_date").GetString());

        var error = root.GetProperty("error");
        Assert.Equal(["message", "line", "column"], Names(error));
        Assert.Equal("a mapping was expected", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(5, error.GetProperty("column").GetInt32());
    }

    [Fact]
    public void An_error_without_a_position_has_null_line_and_column()
    {
        using var json = ToJson(Entry(ChangeKind.Error, null, [], null, null, new ConfigError("the file is binary"), useCase: null));
        var error = json.RootElement.GetProperty("error");

        Assert.Equal("the file is binary", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("column").ValueKind);
    }
}
