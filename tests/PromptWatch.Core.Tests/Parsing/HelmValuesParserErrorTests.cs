using System.Text;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class HelmValuesParserErrorTests
{
    [Fact]
    public void Syntax_error_is_reported_with_its_position()
    {
        var error = Fail("a:\n  model: m\n  prompt: \"unterminated\n");

        Assert.StartsWith("invalid YAML: ", error.Message);
        Assert.DoesNotContain("Line:", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Bad_indentation_is_a_syntax_error()
    {
        var error = Fail("a:\n  model: m\n prompt: p\n");

        Assert.StartsWith("invalid YAML: ", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Unclosed_flow_sequence_is_a_syntax_error()
    {
        var error = Fail("a: [1, 2\nb: 3\n");

        Assert.StartsWith("invalid YAML: ", error.Message);
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData("- a\n- b\n", 1, 1)]
    [InlineData("just a sentence\n", 1, 1)]
    [InlineData("\n\n  42\n", 3, 3)]
    [InlineData("[model, prompt]\n", 1, 1)]
    public void Root_that_is_not_a_mapping_is_refused(string text, int line, int column)
    {
        var error = Fail(text);

        Assert.Contains("top level", error.Message);
        Assert.Contains("mapping", error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Duplicate_top_level_key_is_refused_at_the_second_key()
    {
        var error = Fail("a:\n  model: m\n  prompt: p\nb: 1\na: 2\n");

        Assert.Contains("duplicate key", error.Message);
        Assert.Contains("'a'", error.Message);
        Assert.Equal(5, error.Line);
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void Duplicate_key_inside_a_use_case_is_refused_at_the_second_key()
    {
        var error = Fail("a:\n  model: m\n  prompt: p\n  temperature: 0.1\n  temperature: 0.2\n");

        Assert.Contains("duplicate key 'temperature'", error.Message);
        Assert.Equal(5, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Theory]
    [InlineData("temperature: hot", "a.temperature must be a number", "'hot'", 16)]
    [InlineData("top_p: high", "a.top_p must be a number", "'high'", 10)]
    [InlineData("top_k: 1.5", "a.top_k must be a whole number", "'1.5'", 10)]
    [InlineData("max_tokens: lots", "a.max_tokens must be a whole number", "'lots'", 15)]
    [InlineData("max_tokens: 99999999999", "a.max_tokens must be a whole number", "'99999999999'", 15)]
    [InlineData("enabled: maybe", "a.enabled must be true or false", "'maybe'", 12)]
    [InlineData("temperature: .nan", "a.temperature must be a number", "'.nan'", 16)]
    public void Typed_field_with_a_wrong_type_is_refused_at_the_value(string line, string expected, string quotedValue, int column)
    {
        var error = Fail($"a:\n  model: m\n  prompt: p\n  {line}\n");

        Assert.StartsWith(expected, error.Message);
        Assert.Contains(quotedValue, error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Long_wrong_value_is_shortened_in_the_message()
    {
        var value = new string('x', 200);

        var error = Fail($"a:\n  model: m\n  prompt: p\n  temperature: {value}\n");

        Assert.Contains(new string('x', 40) + "…'", error.Message);
        Assert.DoesNotContain(new string('x', 41), error.Message);
    }

    [Theory]
    [InlineData("temperature: [0.7]", "a.temperature", 16)]
    [InlineData("top_k: {value: 3}", "a.top_k", 10)]
    public void Typed_field_that_is_a_list_or_mapping_is_refused(string line, string field, int column)
    {
        var error = Fail($"a:\n  model: m\n  prompt: p\n  {line}\n");

        Assert.StartsWith(field + " must be", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Model_that_is_a_mapping_is_refused()
    {
        var error = Fail("a:\n  model:\n    name: gpt\n  prompt: p\n");

        Assert.Equal("a.model must be text, not a mapping", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Prompt_that_is_a_list_is_refused()
    {
        var error = Fail("a:\n  model: m\n  prompt:\n    - one\n    - two\n");

        Assert.Equal("a.prompt must be text, not a list", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Several_documents_are_refused_at_the_second()
    {
        var error = Fail("a:\n  model: m\n  prompt: p\n---\nb:\n  model: m\n  prompt: p\n");

        Assert.Contains("several YAML documents", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void Several_explicit_documents_are_refused_even_when_empty()
    {
        var error = Fail("---\n---\n");

        Assert.Contains("several YAML documents", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xFF, 0x0A })]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A })]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80, 0x0A })]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xE2, 0x82 })]
    public void Invalid_utf8_is_refused(byte[] bytes)
    {
        var result = new HelmValuesParser().Parse(bytes);

        Assert.NotNull(result.Error);
        Assert.Contains("not valid UTF-8", result.Error.Message);
        Assert.Empty(result.UseCases);
    }

    [Fact]
    public void Alias_to_an_unknown_anchor_is_refused_at_the_alias()
    {
        var error = Fail("a:\n  model: *nowhere\n  prompt: p\n");

        Assert.Contains("*nowhere", error.Message);
        Assert.Contains("no anchor", error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal(10, error.Column);
    }

    [Fact]
    public void Alias_used_before_its_anchor_is_refused()
    {
        var error = Fail("a:\n  model: *later\n  prompt: &later p\n");

        Assert.Contains("*later", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Alias_to_the_node_that_contains_it_is_refused()
    {
        var error = Fail("a: &loop\n  model: m\n  prompt: p\n  self: *loop\n");

        Assert.Contains("*loop", error.Message);
        Assert.Contains("contains it", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(9, error.Column);
    }

    [Theory]
    [InlineData("base: &b plain\na:\n  model: m\n  prompt: p\n  <<: *b\n")]
    [InlineData("one: &one {x: 1}\na:\n  model: m\n  prompt: p\n  <<: [*one, plain]\n")]
    public void Merge_key_of_something_other_than_mappings_is_refused(string text)
    {
        var error = Fail(text);

        Assert.Contains("merge key (<<)", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Error_result_has_no_use_cases()
    {
        var result = Parse("a:\n  model: m\n  prompt: p\nb:\n  model: m\n  prompt: p\n  top_k: x\n");

        Assert.NotNull(result.Error);
        Assert.Empty(result.UseCases);
    }

    private static ParsedConfig Parse(string text) => new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

    private static ConfigError Fail(string text)
    {
        var result = Parse(text);
        Assert.NotNull(result.Error);
        Assert.Empty(result.UseCases);
        return result.Error;
    }
}
