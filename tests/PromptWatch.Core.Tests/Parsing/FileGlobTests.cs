using PromptWatch.Parsing;

namespace PromptWatch.Tests.Parsing;

public sealed class FileGlobTests
{
    [Theory]
    [InlineData("chart/values-*.yaml", "chart/values-prod.yaml", true)]
    [InlineData("chart/values-*.yaml", "chart/values-.yaml", true)]
    [InlineData("chart/values-*.yaml", "chart/sub/values-prod.yaml", false)]
    [InlineData("chart/values-*.yaml", "chart/values-prod/x.yaml", false)]
    [InlineData("chart/values-*.yaml", "other/chart/values-prod.yaml", false)]
    [InlineData("*.yaml", "values.yaml", true)]
    [InlineData("*.yaml", "chart/values.yaml", false)]
    [InlineData("**/*.yaml", "values.yaml", true)]
    [InlineData("**/*.yaml", "chart/values.yaml", true)]
    [InlineData("**/*.yaml", "a/b/c/values.yaml", true)]
    [InlineData("**/*.yaml", "a/b/values.yml", false)]
    [InlineData("chart/**", "chart/a/b.yaml", true)]
    [InlineData("chart/**", "chart/", true)]
    [InlineData("chart/**", "charts/a.yaml", false)]
    [InlineData("a/**/b.yaml", "a/b.yaml", true)]
    [InlineData("a/**/b.yaml", "a/x/y/b.yaml", true)]
    [InlineData("a/**/b.yaml", "a/xb.yaml", false)]
    [InlineData("values-?.yaml", "values-a.yaml", true)]
    [InlineData("values-?.yaml", "values-ab.yaml", false)]
    [InlineData("values-?.yaml", "values-.yaml", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("Values.yaml", "values.yaml", false)]
    [InlineData("values.yaml", "valuesXyaml", false)]
    [InlineData("values(1)+[x].yaml", "values(1)+[x].yaml", true)]
    [InlineData("a^b$c{1}.yaml", "a^b$c{1}.yaml", true)]
    [InlineData("chart/values.yaml", "chart/values.yaml.bak", false)]
    [InlineData("chart/values.yaml", "x/chart/values.yaml", false)]
    public void Matches_paths(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new FileGlob(pattern).IsMatch(path));
    }

    [Fact]
    public void Keeps_the_pattern_as_given()
    {
        var glob = new FileGlob("chart/**/*.yaml");

        Assert.Equal("chart/**/*.yaml", glob.Pattern);
        Assert.Equal("chart/**/*.yaml", glob.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_an_empty_pattern(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new FileGlob(pattern));
    }

    [Fact]
    public void Refuses_a_null_pattern()
    {
        Assert.Throws<ArgumentNullException>(() => new FileGlob(null!));
    }

    [Fact]
    public void Ignores_case_only_when_asked()
    {
        Assert.False(new FileGlob("*.key").IsMatch("SERVER.KEY"));
        Assert.True(new FileGlob("*.key", ignoreCase: true).IsMatch("SERVER.KEY"));
        Assert.True(new FileGlob("config/**/*secret*", ignoreCase: true).IsMatch("Config/prod/My-Secrets.yaml"));
        Assert.False(new FileGlob("config/*secret*", ignoreCase: true).IsMatch("config/prod/secrets.yaml"));
    }

    [Fact]
    public void A_pattern_with_many_stars_answers_for_a_long_name_that_almost_matches()
    {
        // A backtracking engine tries every way to split the name between the stars (about n^6 steps here).
        var glob = new FileGlob("*a*a*a*a*a*a*b");
        var name = new string('a', 5_000);

        Assert.False(glob.IsMatch(name));
        Assert.True(glob.IsMatch(name + "b"));
    }
}
