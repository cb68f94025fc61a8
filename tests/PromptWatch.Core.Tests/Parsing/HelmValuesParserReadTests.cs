using System.Text;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class HelmValuesParserReadTests
{
    private const string RealisticValues = """
        # Default values for the assistant chart.
        replicaCount: 2

        image:
          repository: registry.example.com/assistant
          tag: "1.4.2"
          pullPolicy: IfNotPresent

        summarize:
          model: gpt-4o-mini
          prompt: |
            You summarize support tickets.

            Keep it under five sentences.
          temperature: 0.2
          top_k: 40
          top_p: 0.95
          max_tokens: 512
          enabled: true
          provider: openai
          timeout_seconds: 30
          resources:
            limits:
              cpu: 500m

        classify:
          model: claude-3-haiku
          prompt: >
            Classify the ticket
            into one of the known queues.
          temperature: 0

        translate:
          model: mistral-small
          prompt: "Translate to English."
          enabled: off

        notAUseCase:
          model: only-a-model
        """;

    [Fact]
    public void Realistic_file_yields_the_use_cases_in_file_order()
    {
        var result = Parse(RealisticValues);

        Assert.Null(result.Error);
        Assert.Equal(["summarize", "classify", "translate"], result.UseCases.Select(static u => u.Key));
    }

    [Fact]
    public void Realistic_file_reads_every_typed_field_and_keeps_scalar_extras()
    {
        var summarize = UseCase(Parse(RealisticValues), "summarize");

        Assert.Equal("gpt-4o-mini", summarize.Model);
        Assert.Equal("You summarize support tickets.\n\nKeep it under five sentences.", summarize.Prompt);
        Assert.True(summarize.Enabled);
        Assert.Equal(0.2, summarize.Temperature);
        Assert.Equal(40, summarize.TopK);
        Assert.Equal(0.95, summarize.TopP);
        Assert.Equal(512, summarize.MaxTokens);
        Assert.Equal(
            [new("provider", "openai"), new("timeout_seconds", "30")],
            summarize.Extras.ToArray());
    }

    [Fact]
    public void Folded_prompt_is_joined_and_trimmed_and_unset_fields_are_null()
    {
        var classify = UseCase(Parse(RealisticValues), "classify");

        Assert.Equal("Classify the ticket into one of the known queues.", classify.Prompt);
        Assert.Equal(0d, classify.Temperature);
        Assert.Null(classify.TopK);
        Assert.Null(classify.TopP);
        Assert.Null(classify.MaxTokens);
        Assert.True(classify.Enabled);
        Assert.Empty(classify.Extras);
    }

    [Fact]
    public void Quoted_prompt_and_disabled_use_case_are_read()
    {
        var translate = UseCase(Parse(RealisticValues), "translate");

        Assert.Equal("Translate to English.", translate.Prompt);
        Assert.False(translate.Enabled);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"false\"", false)]
    [InlineData("~", true)]
    [InlineData("", true)]
    public void Enabled_accepts_boolean_words_and_defaults_to_true_when_null(string written, bool expected)
    {
        var state = UseCase(Parse($"a:\n  model: m\n  prompt: p\n  enabled: {written}\n"), "a");

        Assert.Equal(expected, state.Enabled);
    }

    [Fact]
    public void Prompt_is_trimmed_at_both_ends()
    {
        var state = UseCase(Parse("a:\n  model: m\n  prompt: |+\n\n    \n    Hello.  \n\n\n"), "a");

        Assert.Equal("Hello.", state.Prompt);
    }

    [Fact]
    public void Null_typed_fields_are_unset_and_null_model_is_empty()
    {
        var state = UseCase(Parse("a:\n  model:\n  prompt: p\n  temperature: ~\n  top_k: null\n  top_p:\n  max_tokens: ~\n"), "a");

        Assert.Equal(string.Empty, state.Model);
        Assert.Null(state.Temperature);
        Assert.Null(state.TopK);
        Assert.Null(state.TopP);
        Assert.Null(state.MaxTokens);
    }

    [Fact]
    public void Numbers_in_other_notations_are_read()
    {
        var state = UseCase(Parse("a:\n  model: m\n  prompt: p\n  temperature: \"0.7\"\n  top_p: 1e-1\n  top_k: -1\n  max_tokens: +2048\n"), "a");

        Assert.Equal(0.7, state.Temperature);
        Assert.Equal(0.1, state.TopP);
        Assert.Equal(-1, state.TopK);
        Assert.Equal(2048, state.MaxTokens);
    }

    [Fact]
    public void Unicode_prompt_and_model_are_kept_exactly()
    {
        const string prompt = "Réponds en français, 日本語も可。 Emoji ok: 🚀✨ — «quotes» Ωμέγα";
        var state = UseCase(Parse($"résumé:\n  model: modèle-ü\n  prompt: |\n    {prompt}\n"), "résumé");

        Assert.Equal("modèle-ü", state.Model);
        Assert.Equal(prompt, state.Prompt);
    }

    [Fact]
    public void Crlf_line_endings_come_out_as_line_feeds()
    {
        var text = "a:\r\n  model: m\r\n  prompt: |\r\n    first line\r\n    second line\r\n  temperature: 0.5\r\n";

        var state = UseCase(Parse(text), "a");

        Assert.Equal("first line\nsecond line", state.Prompt);
        Assert.Equal("m", state.Model);
        Assert.Equal(0.5, state.Temperature);
    }

    [Fact]
    public void Crlf_folded_and_quoted_prompts_have_no_carriage_returns()
    {
        var text = "a:\r\n  model: m\r\n  prompt: >\r\n    one\r\n    two\r\n\r\n    three\r\nb:\r\n  model: m\r\n  prompt: \"x\r\n    y\"\r\n";

        var result = Parse(text);

        Assert.Equal("one two\nthree", UseCase(result, "a").Prompt);
        Assert.Equal("x y", UseCase(result, "b").Prompt);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_ignored()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("summarize:\n  model: m\n  prompt: p\n")];

        var result = new HelmValuesParser().Parse(bytes);

        Assert.Null(result.Error);
        Assert.Equal("summarize", Assert.Single(result.UseCases).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void Empty_or_comment_only_file_has_no_use_cases_and_no_error(string text)
    {
        var result = Parse(text);

        Assert.Null(result.Error);
        Assert.Empty(result.UseCases);
    }

    [Fact]
    public void Block_without_model_or_prompt_is_not_a_use_case()
    {
        var result = Parse("a:\n  model: m\nb:\n  prompt: p\nc: scalar\nd:\n  - model\n  - prompt\n");

        Assert.Null(result.Error);
        Assert.Empty(result.UseCases);
    }

    [Fact]
    public void Nested_blocks_and_lists_inside_a_use_case_are_not_extras()
    {
        var state = UseCase(Parse("a:\n  model: m\n  prompt: p\n  stop: [\"\\n\"]\n  labels:\n    team: x\n  region: eu\n"), "a");

        Assert.Equal([new("region", "eu")], state.Extras.ToArray());
    }

    [Fact]
    public void Extras_keep_the_text_as_written()
    {
        var state = UseCase(Parse("a:\n  model: m\n  prompt: p\n  ratio: 0.50\n  flag: yes\n  empty:\n"), "a");

        Assert.Equal("0.50", state.Extras["ratio"]);
        Assert.Equal("yes", state.Extras["flag"]);
        Assert.Equal(string.Empty, state.Extras["empty"]);
    }

    [Fact]
    public void Flow_mapping_use_case_is_read()
    {
        var state = UseCase(Parse("a: {model: m, prompt: \"p\", top_k: 3}\n"), "a");

        Assert.Equal("m", state.Model);
        Assert.Equal(3, state.TopK);
    }

    private static ParsedConfig Parse(string text) => new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

    private static UseCaseState UseCase(ParsedConfig result, string name)
    {
        Assert.Null(result.Error);
        return Assert.Single(result.UseCases, u => u.Key == name).Value;
    }
}
