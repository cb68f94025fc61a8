using System.Text;
using PromptWatch.Scanning;

namespace PromptWatch.Tests.Scanning;

public sealed class GitSimilarityTests
{
    [Fact]
    public void Identical_content_scores_the_maximum()
    {
        var content = Encoding.ASCII.GetBytes("model: m\nprompt: p\n");

        Assert.Equal(GitSimilarity.MaxScore, GitSimilarity.Score(content, content));
    }

    [Fact]
    public void Empty_destination_scores_zero()
    {
        Assert.Equal(0, GitSimilarity.Score([], []));
        Assert.Equal(0, GitSimilarity.Score("x"u8, [], minimumScore: 0));
    }

    [Fact]
    public void Unrelated_content_scores_zero()
    {
        Assert.Equal(0, GitSimilarity.Score("aaaa\nbbbb\n"u8, "cccc\ndddd\n"u8));
    }

    [Fact]
    public void Score_is_the_share_of_the_larger_file_copied_from_the_source()
    {
        // Four 5-byte lines, two kept: 10 of 20 bytes.
        var score = GitSimilarity.Score("aaaa\nbbbb\ncccc\ndddd\n"u8, "aaaa\nbbbb\nxxxx\nyyyy\n"u8);

        Assert.Equal(GitSimilarity.MaxScore / 2, score);
    }

    [Fact]
    public void Repeated_lines_count_only_as_often_as_the_source_has_them()
    {
        // The destination repeats "aaaa\n" three times; the source has it once.
        var score = GitSimilarity.Score("aaaa\nbbbb\n"u8, "aaaa\naaaa\naaaa\nbbbb\n"u8, minimumScore: 0);

        Assert.Equal(10 * GitSimilarity.MaxScore / 20, score);
    }

    [Fact]
    public void Carriage_return_before_line_feed_is_ignored_in_text()
    {
        var score = GitSimilarity.Score("abc\n"u8, "abc\r\n"u8);

        // Spans match; 4 bytes copied of the 5-byte larger file.
        Assert.Equal(4 * GitSimilarity.MaxScore / 5, score);
    }

    [Fact]
    public void Carriage_return_is_kept_in_binary_content()
    {
        var score = GitSimilarity.Score("abc\n\0"u8, "abc\r\n\0"u8, minimumScore: 0);

        // Only the trailing "\0" span matches.
        Assert.Equal(1 * GitSimilarity.MaxScore / 6, score);
    }

    [Fact]
    public void Sizes_too_different_score_zero_before_any_hashing()
    {
        var small = "aaaa\n"u8.ToArray();
        var large = Encoding.ASCII.GetBytes("aaaa\n" + new string('b', 20));

        Assert.Equal(0, GitSimilarity.Score(small, large));
        Assert.True(GitSimilarity.Score(small, large, minimumScore: 0) > 0);
    }

    [Theory]
    [InlineData(100, 100, 30000, true)]
    [InlineData(100, 200, 30000, true)]
    [InlineData(100, 201, 30000, false)]
    [InlineData(201, 100, 30000, false)]
    [InlineData(0, 0, 30000, true)]
    [InlineData(0, 1, 30000, false)]
    [InlineData(0, 1, 0, true)]
    [InlineData(1, 100, 600, true)]
    [InlineData(100, 100, 60000, true)]
    [InlineData(100, 101, 60000, false)]
    public void Sizes_may_match_follows_gits_precheck(long source, long destination, int minimumScore, bool expected)
    {
        Assert.Equal(expected, GitSimilarity.SizesMayMatch(source, destination, minimumScore));
    }

    [Fact]
    public void Binary_means_a_nul_byte_in_the_first_8000_bytes()
    {
        var late = new byte[8001];
        Array.Fill(late, (byte)'a');
        late[8000] = 0;
        var early = (byte[])late.Clone();
        early[7999] = 0;

        Assert.False(GitSimilarity.IsBinary(late));
        Assert.True(GitSimilarity.IsBinary(early));
        Assert.True(GitSimilarity.IsBinary("\0"u8));
        Assert.False(GitSimilarity.IsBinary([]));
        Assert.False(GitSimilarity.IsBinary("\r\n\t\u00ff"u8));
    }

    [Theory]
    [InlineData("a/values.yaml", "b/values.yaml", true)]
    [InlineData("values.yaml", "chart/values.yaml", true)]
    [InlineData("chart/values.yaml", "values.yaml", true)]
    [InlineData("values.yaml", "values.yaml", true)]
    [InlineData("a/values.yaml", "a/xvalues.yaml", false)]
    [InlineData("a/xvalues.yaml", "a/values.yaml", false)]
    [InlineData("values-prod.yaml", "values-test.yaml", false)]
    [InlineData("a/b", "ab", false)]
    [InlineData("", "", true)]
    public void Basename_same_compares_the_file_names(string source, string destination, bool expected)
    {
        Assert.Equal(expected, GitSimilarity.BasenameSame(source, destination));
    }
}
