using System.Text;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class HelmValuesParserAnchorTests
{
    [Fact]
    public void Scalar_aliases_take_the_anchored_value()
    {
        var result = Parse("""
            shared:
              model: &model gpt-4o
              prompt: &prompt |
                Be brief.
            a:
              model: *model
              prompt: *prompt
              temperature: &t 0.3
              top_p: *t
            """);

        var a = UseCase(result, "a");
        Assert.Equal("gpt-4o", a.Model);
        Assert.Equal("Be brief.", a.Prompt);
        Assert.Equal(0.3, a.TopP);
        Assert.Equal(UseCase(result, "shared") with { Temperature = 0.3, TopP = 0.3 }, a);
    }

    [Fact]
    public void Alias_of_a_whole_block_makes_an_identical_use_case()
    {
        var result = Parse("""
            a: &block
              model: m
              prompt: p
              provider: x
            b: *block
            """);

        Assert.Equal(["a", "b"], result.UseCases.Select(static u => u.Key));
        Assert.Equal(UseCase(result, "a"), UseCase(result, "b"));
    }

    [Fact]
    public void Merge_key_copies_settings_and_explicit_keys_win()
    {
        var result = Parse("""
            defaults: &defaults
              model: base-model
              prompt: Base prompt.
              temperature: 0.1
              provider: openai
            summarize:
              <<: *defaults
              temperature: 0.9
              prompt: Own prompt.
            """);

        var summarize = UseCase(result, "summarize");
        Assert.Equal("base-model", summarize.Model);
        Assert.Equal("Own prompt.", summarize.Prompt);
        Assert.Equal(0.9, summarize.Temperature);
        Assert.Equal("openai", summarize.Extras["provider"]);
    }

    [Fact]
    public void Explicit_key_wins_even_when_written_before_the_merge_key()
    {
        var state = UseCase(Parse("""
            base: &base {model: m, prompt: p, top_k: 1}
            a:
              top_k: 2
              <<: *base
            """), "a");

        Assert.Equal(2, state.TopK);
        Assert.Equal("m", state.Model);
    }

    [Fact]
    public void Merge_of_a_list_takes_the_first_mapping_that_has_a_key()
    {
        var state = UseCase(Parse("""
            one: &one {model: first-model, top_k: 1}
            two: &two {model: second-model, prompt: from two, top_k: 2, max_tokens: 9}
            a:
              <<: [*one, *two]
              max_tokens: 10
            """), "a");

        Assert.Equal("first-model", state.Model);
        Assert.Equal("from two", state.Prompt);
        Assert.Equal(1, state.TopK);
        Assert.Equal(10, state.MaxTokens);
    }

    [Fact]
    public void Merge_keys_are_applied_through_a_chain_of_merged_mappings()
    {
        var state = UseCase(Parse("""
            base: &base
              model: base-model
              prompt: Base prompt.
              top_k: 1
            tuned: &tuned
              <<: *base
              top_k: 5
            a:
              <<: *tuned
              max_tokens: 100
            """), "a");

        Assert.Equal("base-model", state.Model);
        Assert.Equal("Base prompt.", state.Prompt);
        Assert.Equal(5, state.TopK);
        Assert.Equal(100, state.MaxTokens);
    }

    [Fact]
    public void Very_long_chain_of_merges_is_refused_without_crashing()
    {
        var text = new StringBuilder("m0: &m0 {model: m, prompt: p}\n");
        for (var i = 1; i < 5_000; i++) text.Append($"m{i}: &m{i} {{<<: *m{i - 1}}}\n");
        var parser = new HelmValuesParser(new HelmValuesParserOptions { MaxExpandedNodes = long.MaxValue });

        var result = parser.Parse(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.NotNull(result.Error);
        Assert.Contains("merge keys (<<) are chained deeper than the nesting limit", result.Error.Message);
    }

    [Fact]
    public void Chain_of_merges_within_the_nesting_limit_is_accepted()
    {
        var text = new StringBuilder("m0: &m0 {model: m, prompt: p}\n");
        for (var i = 1; i < 60; i++) text.Append($"m{i}: &m{i} {{<<: *m{i - 1}, top_k: {i}}}\n");

        var result = Parse(text.ToString());

        Assert.Null(result.Error);
        Assert.Equal(60, result.UseCases.Length);
        Assert.Equal(59, UseCase(result, "m59").TopK);
    }

    [Fact]
    public void Quoted_merge_key_is_an_ordinary_extra()
    {
        var state = UseCase(Parse("a:\n  model: m\n  prompt: p\n  \"<<\": text\n"), "a");

        Assert.Equal("text", state.Extras["<<"]);
    }

    [Fact]
    public void Merged_typed_field_with_a_wrong_type_is_reported()
    {
        var result = Parse("""
            base: &base
              temperature: warm
            a:
              model: m
              prompt: p
              <<: *base
            """);

        Assert.NotNull(result.Error);
        Assert.Contains("a.temperature", result.Error.Message);
        Assert.Contains("warm", result.Error.Message);
    }

    private static ParsedConfig Parse(string text) => new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

    private static UseCaseState UseCase(ParsedConfig result, string name)
    {
        Assert.Null(result.Error);
        return Assert.Single(result.UseCases, u => u.Key == name).Value;
    }
}
