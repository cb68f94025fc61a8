namespace PromptWatch.GitHub.Tests.Support;

/// <summary>The GitHub webhook payloads copied verbatim under Fixtures/github-webhooks, one folder per event.</summary>
public static class Fixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "github-webhooks");

    /// <summary>Every payload as (event, file relative to the folder).</summary>
    public static IEnumerable<(string Event, string File)> All() =>
        Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => (f[..f.IndexOf('/', StringComparison.Ordinal)], f));

    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(Folder, file));
}
