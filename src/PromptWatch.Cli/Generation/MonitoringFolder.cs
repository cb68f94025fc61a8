namespace PromptWatch.Cli.Generation;

/// <summary>Writes the generated files under a folder; refuses, before writing any, when one exists and overwriting was not asked for.</summary>
internal static class MonitoringFolder
{
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, IReadOnlyList<GeneratedFile> files, bool force, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var targets = files.Select(f => (File: f, Path: Path.Combine(root, f.Path.Replace('/', Path.DirectorySeparatorChar)))).ToList();
        if (!force && targets.FirstOrDefault(static t => File.Exists(t.Path)) is { Path: not null } existing)
        {
            throw new PromptWatchException($"{existing.Path} exists; pass --force to overwrite the generated files.");
        }

        try
        {
            foreach (var (file, path) in targets)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PromptWatchException($"cannot write to {root}: {e.Message}");
        }

        return [.. targets.Select(static t => t.File.Path)];
    }
}
