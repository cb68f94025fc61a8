using System.Text;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

/// <summary>The quick reader for plain blocks must read exactly what YamlDotNet reads, or decline.</summary>
public sealed class SimpleValuesReaderTests
{
    private const string Simple = """
        summarize:
          enabled: true
          model: gpt-4o-mini   # the small one
          prompt: |
            Summarize the text.

            Keep names: exact.
            # not a comment
          temperature: 0.7
          top_k: 40
          style: 'terse'
          tone: "calm"
          empty:

        """;

    [Theory]
    [InlineData(Simple)]
    [InlineData("a:\n  model: m\n  prompt: |-\n    one\n    two\n\n\n")]
    [InlineData("a:\n  model: m\n  prompt: |+\n    one\n\n\n")]
    [InlineData("a:\r\n  model: m\r\n  prompt: |\r\n    one\r\n    two\r\n")]
    [InlineData("a:\n  model: m\n  prompt: |\n    first\n      indented more\n    less\n")]
    [InlineData("replicas: 3\n")]
    [InlineData("a:\n  model: m\n  prompt: p\n  url: http://x:80/a\n")]
    [InlineData("a:\n    model: m\n    prompt: p # c\n")]
    [InlineData("a: # comment\n  model: m\n  prompt: \"\"\n")]
    public void Reads_what_YamlDotNet_reads(string text)
    {
        var parser = new HelmValuesParser();

        Assert.NotNull(SimpleValuesReader.TryRead(text));
        AssertSameSegment(parser.ParseSegment(text, allowSimpleReader: false), parser.ParseSegment(text), text);
    }

    [Theory]
    [InlineData("a:\n  model: &m x\n  prompt: p\n")]
    [InlineData("a:\n  model: m\n  prompt: >\n    folded\n")]
    [InlineData("a:\n  model: m\n  prompt: plain\n    continued\n")]
    [InlineData("a:\n  nested:\n    deeper: 1\n")]
    [InlineData("a:\n  - item\n")]
    [InlineData("a:\n\tmodel: m\n")]
    [InlineData("a:\n  model: m\n  model: n\n")]
    [InlineData("a:\n  prompt: |\n\n    after a blank line\n")]
    [InlineData("a:\n  q: \"esc\\n\"\n")]
    [InlineData("a:\n  q: 'it''s'\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: 1")]
    [InlineData("a:\n  model: m\n  prompt: |\n      indented more\n    less\n")]
    public void Declines_what_it_does_not_read(string text)
    {
        Assert.Null(SimpleValuesReader.TryRead(text));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public void Mutated_plain_blocks_read_the_same_or_are_declined(int seed)
    {
        var random = new Random(seed);
        var parser = new HelmValuesParser();
        var alphabet = Encoding.ASCII.GetBytes(" :\n|-+#'\"a0\r");
        var read = 0;
        for (var round = 0; round < 3000; round++)
        {
            var bytes = ByteMutations.Mutate(Encoding.UTF8.GetBytes(Simple), random, alphabet, maxEdits: 2, allowTruncation: false);
            var text = Encoding.UTF8.GetString(bytes);
            if (SimpleValuesReader.TryRead(text) is null) continue;
            read++;
            AssertSameSegment(parser.ParseSegment(text, allowSimpleReader: false), parser.ParseSegment(text), text);
        }

        Assert.True(read > 300, $"only {read} mutations were read by the quick reader");
    }

    private static void AssertSameSegment(ValuesSegment? expected, ValuesSegment? actual, string text)
    {
        Assert.True((expected is null) == (actual is null), $"one reader failed where the other did not ({expected} vs {actual}) for:\n{text}");
        if (expected is null || actual is null) return;
        Assert.True(expected.Keys.SequenceEqual(actual.Keys), $"keys differ for:\n{text}");
        Assert.True(expected.ExpandedSize == actual.ExpandedSize, $"sizes differ ({expected.ExpandedSize} vs {actual.ExpandedSize}) for:\n{text}");
        Assert.True(expected.UseCases.Length == actual.UseCases.Length, $"use case counts differ for:\n{text}");
        for (var i = 0; i < expected.UseCases.Length; i++)
        {
            Assert.True(expected.UseCases[i].Key == actual.UseCases[i].Key && expected.UseCases[i].Value.Equals(actual.UseCases[i].Value),
                $"use case differs:\n{expected.UseCases[i].Value}\nvs\n{actual.UseCases[i].Value}\nfor:\n{text}");
        }
    }
}
