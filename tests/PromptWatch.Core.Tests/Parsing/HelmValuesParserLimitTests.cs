using System.Diagnostics;
using System.Text;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class HelmValuesParserLimitTests
{
    private const string BillionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        summarize:
          model: m
          prompt: *i
        """;

    [Fact]
    public void Alias_bomb_is_refused_quickly()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = Fail(BillionLaughs);

        stopwatch.Stop();
        Assert.Contains("alias", error.Message);
        Assert.Contains("1,000,000 nodes", error.Message);
        // a holds 10 nodes, b 91, ..., g 10^6 / 0.9 rounded: the first sequence over a million ends on line 7.
        Assert.Equal(7, error.Line);
        // A bound for "does not expand the billion nodes", not for speed: a busy machine's first parse takes a while.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Alias_bomb_message_does_not_depend_on_the_current_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("1,000,000 nodes", Fail(BillionLaughs).Message);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Expansion_limit_is_configurable()
    {
        var text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a]\n";
        var strict = new HelmValuesParser(new HelmValuesParserOptions { MaxExpandedNodes = 20 });

        var refused = strict.Parse(Encoding.UTF8.GetBytes(text));
        var accepted = new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(refused.Error);
        Assert.Contains("more than 20 nodes", refused.Error.Message);
        Assert.Equal(2, refused.Error.Line);
        Assert.Null(accepted.Error);
    }

    [Fact]
    public void Many_aliases_below_the_limit_are_accepted()
    {
        var text = new StringBuilder("shared: &p Be brief.\n");
        for (var i = 0; i < 2000; i++) text.Append($"u{i}:\n  model: m\n  prompt: *p\n");

        var result = Parse(text.ToString());

        Assert.Null(result.Error);
        Assert.Equal(2000, result.UseCases.Length);
        Assert.All(result.UseCases, static u => Assert.Equal("Be brief.", u.Value.Prompt));
    }

    [Fact]
    public void Hundred_thousand_nested_flow_sequences_are_refused_without_crashing()
    {
        var text = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var error = Fail(text);

        Assert.Contains("nests deeper than 64 levels", error.Message);
        Assert.Equal(1, error.Line);
        // The root mapping is level 1, so the 64th '[' (column 4 + 63) is the first one too deep.
        Assert.Equal(67, error.Column);
    }

    [Fact]
    public void Hundred_thousand_unclosed_nested_flow_mappings_are_refused_without_crashing()
    {
        var error = Fail(string.Concat(Enumerable.Repeat("{a: ", 100_000)));

        Assert.Contains("nests deeper than 64 levels", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        // Root mapping, use-case mapping, then 62 nested sequences: 64 levels.
        var text = "a:\n  model: m\n  prompt: p\n  deep: " + new string('[', 62) + new string(']', 62) + "\n";

        var accepted = Parse(text);
        var refused = Parse(text.Replace("deep: [", "deep: [[", StringComparison.Ordinal).Replace("]\n", "]]\n", StringComparison.Ordinal));

        Assert.Null(accepted.Error);
        Assert.NotNull(refused.Error);
        Assert.Contains("nests deeper", refused.Error.Message);
    }

    [Fact]
    public void Depth_limit_is_configurable()
    {
        var parser = new HelmValuesParser(new HelmValuesParserOptions { MaxDepth = 2 });

        var accepted = parser.Parse(Encoding.UTF8.GetBytes("a:\n  model: m\n  prompt: p\n"));
        var refused = parser.Parse(Encoding.UTF8.GetBytes("a:\n  model: m\n  prompt: p\n  tags: [x]\n"));

        Assert.Null(accepted.Error);
        Assert.NotNull(refused.Error);
        Assert.Contains("deeper than 2 levels", refused.Error.Message);
        Assert.Equal(4, refused.Error.Line);
        Assert.Equal(9, refused.Error.Column);
    }

    private static ParsedConfig Parse(string text) => new HelmValuesParser().Parse(Encoding.UTF8.GetBytes(text));

    private static ConfigError Fail(string text)
    {
        var result = Parse(text);
        Assert.NotNull(result.Error);
        return result.Error;
    }
}
