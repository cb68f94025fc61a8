using PromptWatch.Model;

namespace PromptWatch.Tests.Model;

public sealed class WatchedFileTests
{
    [Theory]
    [InlineData("chart/values-prod.yaml=prod", "chart/values-prod.yaml", "prod")]
    [InlineData("./chart/values-test.yaml=test", "chart/values-test.yaml", "test")]
    [InlineData("/chart/values.yaml=staging", "chart/values.yaml", "staging")]
    [InlineData("chart\\values.yaml=dev", "chart/values.yaml", "dev")]
    [InlineData("  chart/values.yaml = qa ", "chart/values.yaml", "qa")]
    [InlineData("a=b=c", "a=b", "c")]
    [InlineData("values.yaml=x", "values.yaml", "x")]
    public void Parses_path_and_environment(string text, string path, string environment)
    {
        Assert.Equal(new WatchedFile(path, environment), WatchedFile.Parse(text));
    }

    [Theory]
    [InlineData("chart/values.yaml")]
    [InlineData("=prod")]
    [InlineData("chart/values.yaml=")]
    [InlineData("")]
    [InlineData("=")]
    public void Refuses_text_without_both_parts(string text)
    {
        var error = Assert.Throws<FormatException>(() => WatchedFile.Parse(text));

        Assert.Contains("<path>=<environment>", error.Message);
        Assert.Contains($"'{text}'", error.Message);
    }

    [Theory]
    [InlineData("chart/values.yaml=   ")]
    [InlineData("   =prod")]
    [InlineData("./=prod")]
    public void Refuses_blank_path_or_environment(string text)
    {
        Assert.Throws<FormatException>(() => WatchedFile.Parse(text));
    }

    [Fact]
    public void Refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => WatchedFile.Parse(null!));
    }

    [Theory]
    [InlineData("././chart/x.yaml", "chart/x.yaml")]
    [InlineData("\\\\chart\\x.yaml", "chart/x.yaml")]
    [InlineData(" x.yaml ", "x.yaml")]
    public void Normalizes_paths(string path, string expected)
    {
        Assert.Equal(expected, WatchedFile.NormalizePath(path));
    }

    [Fact]
    public void Defaults_watch_test_and_prod_values()
    {
        Assert.Equal(
            [new WatchedFile("chart/values-test.yaml", "test"), new WatchedFile("chart/values-prod.yaml", "prod")],
            WatchedFile.Defaults);
    }
}
