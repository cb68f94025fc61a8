namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>The folder that holds <c>PromptWatch.sln</c>, found from the test assembly's folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A folder under <c>artifacts/</c> for files tests leave for people (screenshots).</summary>
    public static string Artifacts(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, "artifacts", name)).FullName;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "PromptWatch.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("PromptWatch.sln was not found above " + AppContext.BaseDirectory);
    }
}
