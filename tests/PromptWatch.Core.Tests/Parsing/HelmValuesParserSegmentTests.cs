using System.Text;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

/// <summary>
/// Parsing block by block (with the segment cache) must give exactly what parsing the whole document
/// gives, errors and positions included, for any input.
/// </summary>
public sealed class HelmValuesParserSegmentTests
{
    private const string Seed = """
        # settings
        image: {repository: "r", tag: '1'}
        base: &base
          model: m
          temperature: 0.5
        summarize:
          <<: *base
          prompt: |
            Line one.
            Line two.
          top_k: 40
        classify:
          model: x
          prompt: >-
            Folded
            text
          enabled: no
        "quoted": {model: q, prompt: p}
        extract:
          model: e
          prompt: "multi
            line"
        list:
          - one
        """;

    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("[]{}:-?&*!|>'\"#,%@` \n\t\r<<~.0aQ");

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Segmented_parse_equals_whole_parse_for_mutated_files(int seed)
    {
        var random = new Random(seed);
        var original = Encoding.UTF8.GetBytes(Seed);
        var parser = new HelmValuesParser();
        var segmentedAtLeastOnce = 0;
        for (var round = 0; round < 1500; round++)
        {
            var bytes = ByteMutations.Mutate(original, random, Alphabet, maxEdits: 3, allowTruncation: false);
            var whole = parser.ParseWhole(Encoding.UTF8.GetString(bytes));

            var first = parser.Parse(bytes);
            var second = parser.Parse(bytes);

            AssertSame(whole, first, bytes);
            AssertSame(whole, second, bytes);
            if (whole.Error is null) segmentedAtLeastOnce++;
        }

        Assert.True(segmentedAtLeastOnce > 100, "too few valid mutations to say anything");
    }

    [Fact]
    public void A_changed_block_is_parsed_again_and_unchanged_blocks_come_from_the_cache()
    {
        var parser = new HelmValuesParser();
        var before = parser.Parse(Encoding.UTF8.GetBytes("a:\n  model: m\n  prompt: one\nb:\n  model: m\n  prompt: two\n"));
        var after = parser.Parse(Encoding.UTF8.GetBytes("a:\n  model: m\n  prompt: one\nb:\n  model: m\n  prompt: three\n"));

        Assert.Same(before.UseCases[0].Value, after.UseCases[0].Value);
        Assert.Equal("three", after.UseCases[1].Value.Prompt);
    }

    [Theory]
    [InlineData("a: &x\n  model: m\n  prompt: p\nb: *x\n")]
    [InlineData("a:\n  model: m\n  prompt: p\na:\n  model: n\n  prompt: q\n")]
    [InlineData("{a: 1}\nb:\n  model: m\n  prompt: p\n")]
    [InlineData("  a: 1\n  b: 2\nc: 3\n")]
    [InlineData("a: \"open\nb: 1\"\nc:\n  model: m\n  prompt: p\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a:\n  model: m\n  prompt: p\n\u00e9t\u00e9:\n  model: m\n  prompt: p\n")]
    public void Blocks_that_mean_something_else_together_are_parsed_as_a_whole(string text)
    {
        var parser = new HelmValuesParser();
        var bytes = Encoding.UTF8.GetBytes(text);

        AssertSame(parser.ParseWhole(text), parser.Parse(bytes), bytes);
    }

    private static void AssertSame(ParsedConfig expected, ParsedConfig actual, byte[] input)
    {
        var context = Encoding.UTF8.GetString(input);
        Assert.True(Equals(expected.Error, actual.Error), $"errors differ ({expected.Error} vs {actual.Error}) for:\n{context}");
        Assert.True(expected.UseCases.Length == actual.UseCases.Length, $"use case counts differ for:\n{context}");
        for (var i = 0; i < expected.UseCases.Length; i++)
        {
            Assert.True(expected.UseCases[i].Key == actual.UseCases[i].Key && expected.UseCases[i].Value.Equals(actual.UseCases[i].Value), $"use case {i} differs for:\n{context}");
        }
    }
}
