namespace PromptWatch.Cli.Tests;

/// <summary>The command line as its own build wrote it, to run as a process.</summary>
internal static class CliBuildOutput
{
    /// <summary>
    /// The path of <c>PromptWatch.Cli.dll</c> in src/PromptWatch.Cli/bin/&lt;configuration&gt;/&lt;tfm&gt; (this test project's
    /// tests/PromptWatch.Cli.Tests/bin/... with the project swapped): this test project takes the ASP.NET Core framework's
    /// assemblies, so its own output lacks the newer package versions the CLI's deps.json names.
    /// </summary>
    public static string Dll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var cli = Path.Combine(root, "src", "PromptWatch.Cli", "bin", configuration, framework, "PromptWatch.Cli.dll");
        Assert.True(File.Exists(cli), $"The CLI's build output is missing: {cli}");
        return cli;
    }
}
