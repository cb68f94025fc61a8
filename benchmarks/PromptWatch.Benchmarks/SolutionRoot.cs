namespace PromptWatch.Benchmarks;

/// <summary>The folder of <c>PromptWatch.sln</c>, found upward from the benchmark's binaries or the current folder.</summary>
internal static class SolutionRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(folder.FullName, "PromptWatch.sln"))) return folder.FullName;
            }
        }

        throw new InvalidOperationException("PromptWatch.sln was not found above the benchmark's folder or the current folder; run the benchmarks from the repository.");
    }
}
