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

/// <summary>The scan-only command line (<c>PromptWatch.Cli.Scan</c>) as its own build wrote it, to run as a process.</summary>
internal static class ScanOnlyBuildOutput
{
    /// <summary>The path of its <c>promptwatch.dll</c>, beside the full command line's build (see <see cref="CliBuildOutput.Dll"/>).</summary>
    public static string Dll()
    {
        var cli = new FileInfo(CliBuildOutput.Dll());
        var framework = cli.Directory!;
        var configuration = framework.Parent!;
        var src = configuration.Parent!.Parent!.Parent!.FullName;
        var scan = Path.Combine(src, "PromptWatch.Cli.Scan", "bin", configuration.Name, framework.Name, "promptwatch.dll");
        Assert.True(File.Exists(scan), $"The scan-only command line's build output is missing: {scan}");
        return scan;
    }
}
