using System.Text;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class ConfigParserSelectorTests
{
    [Fact]
    public void First_matching_registration_wins()
    {
        var prod = new NamedParser("prod");
        var anyYaml = new NamedParser("yaml");
        var selector = new ConfigParserSelector(
        [
            new("chart/values-prod.yaml", prod),
            new("**/*.yaml", anyYaml),
        ]);

        Assert.Same(prod, selector.For("chart/values-prod.yaml"));
        Assert.Same(anyYaml, selector.For("chart/values-test.yaml"));
    }

    [Fact]
    public void Order_of_registrations_decides_when_several_match()
    {
        var anyYaml = new NamedParser("yaml");
        var prod = new NamedParser("prod");
        var selector = new ConfigParserSelector(
        [
            new("**/*.yaml", anyYaml),
            new("chart/values-prod.yaml", prod),
        ]);

        Assert.Same(anyYaml, selector.For("chart/values-prod.yaml"));
    }

    [Fact]
    public void Unmatched_path_uses_the_given_fallback()
    {
        var fallback = new NamedParser("fallback");
        var selector = new ConfigParserSelector([new("*.json", new NamedParser("json"))], fallback);

        Assert.Same(fallback, selector.For("chart/values.yaml"));
    }

    [Fact]
    public void Unmatched_path_uses_the_helm_values_parser_without_a_fallback()
    {
        var selector = new ConfigParserSelector([new("*.json", new NamedParser("json"))]);

        Assert.IsType<HelmValuesParser>(selector.For("chart/values.yaml"));
    }

    [Fact]
    public void Default_reads_everything_as_helm_values()
    {
        var parser = ConfigParserSelector.CreateDefault().For("anything/at/all.txt");

        var result = parser.Parse(Encoding.UTF8.GetBytes("a:\n  model: m\n  prompt: p\n"));

        Assert.IsType<HelmValuesParser>(parser);
        Assert.Equal("a", Assert.Single(result.UseCases).Key);
    }

    [Fact]
    public void Registrations_are_copied_when_the_selector_is_made()
    {
        var registrations = new List<ConfigParserRegistration>();
        var selector = new ConfigParserSelector(registrations);
        var late = new NamedParser("late");

        registrations.Add(new("**", late));

        Assert.NotSame(late, selector.For("a.yaml"));
    }

    [Fact]
    public void A_registration_keeps_its_glob_as_given_and_refuses_an_empty_one()
    {
        var json = new NamedParser("json");

        var registration = new ConfigParserRegistration("config/**/*.json", json);

        Assert.Equal("config/**/*.json", registration.Glob);
        Assert.Same(json, registration.Parser);
        Assert.Same(json, new ConfigParserSelector([registration]).For("config/a/b/models.json"));
        Assert.Throws<ArgumentException>(() => new ConfigParserRegistration(" ", json));
    }

    [Fact]
    public void Null_registrations_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new ConfigParserSelector(null!));
    }

    private sealed class NamedParser(string name) : IConfigParser
    {
        public ParsedConfig Parse(ReadOnlySpan<byte> content) => ParsedConfig.Failure(new ConfigError(name));
    }
}
