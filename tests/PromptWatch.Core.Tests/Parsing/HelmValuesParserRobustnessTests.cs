using System.Text;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class HelmValuesParserRobustnessTests
{
    private const string Seed = """
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
          stop: [a, "b", {c: d}]
        classify:
          model: x
          prompt: >-
            Folded
            text
          enabled: no
        list:
          - one
          - ? complex
            : key
        """;

    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("[]{}:-?&*!|>'\"#,%@` \n\t\r<<~.0a");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Mutated_values_files_never_throw(int seed)
    {
        var random = new Random(seed);
        var parser = new HelmValuesParser();
        var original = Encoding.UTF8.GetBytes(Seed);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = ByteMutations.Mutate(original, random, Alphabet);

            var exception = Record.Exception(() => parser.Parse(bytes));

            Assert.True(exception is null, $"{exception?.GetType().Name} for:\n{Encoding.UTF8.GetString(bytes)}\n{exception}");
        }
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n")]
    [InlineData("a: {b: [c\n")]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("a: !<tag\n")]
    [InlineData("a: &\n")]
    [InlineData("a: *\n")]
    [InlineData("%YAML 1.1\n%YAML 1.1\n---\na: 1\n")]
    [InlineData("a: 'x\n")]
    [InlineData("? [a\n")]
    public void Truncated_or_malformed_text_is_an_error_not_an_exception(string text)
    {
        var result = new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(result.Error);
        Assert.StartsWith("invalid YAML", result.Error.Message);
        Assert.NotNull(result.Error.Line);
    }
}
