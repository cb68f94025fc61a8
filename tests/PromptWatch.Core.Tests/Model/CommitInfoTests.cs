using PromptWatch.Model;

namespace PromptWatch.Tests.Model;

public sealed class CommitInfoTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456")]
    [InlineData("01234567", "0123456")]
    [InlineData("0123456", "0123456")]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    public void Short_sha_is_the_first_seven_characters(string sha, string expected)
    {
        Assert.Equal(expected, Commit(sha, "m").ShortSha);
    }

    [Theory]
    [InlineData("Raise temperature", "Raise temperature")]
    [InlineData("Raise temperature\n\nBecause answers were dull.", "Raise temperature")]
    [InlineData("Raise temperature\r\n\r\nBody", "Raise temperature")]
    [InlineData("\nBody after an empty subject", "")]
    [InlineData("", "")]
    public void Subject_is_the_first_line(string message, string expected)
    {
        Assert.Equal(expected, Commit("abc", message).Subject);
    }

    private static CommitInfo Commit(string sha, string message) =>
        new(sha, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), message, "Author", "author@example.invalid");
}
