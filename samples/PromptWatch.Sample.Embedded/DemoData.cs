using PromptWatch.Demo;

namespace PromptWatch.Sample.Embedded;

/// <summary>
/// The repository the service watches when none is configured: the demo repository, created on first start in the
/// data folder (<c>Sample:DataDirectory</c>, by default <c>.data</c> next to the project), so a fresh start is healthy.
/// </summary>
internal static class DemoData
{
    public const string DataDirectoryKey = "Sample:DataDirectory";

    public static string Ensure(string dataDirectory)
    {
        var repository = Path.Combine(dataDirectory, "demo-repository");
        if (!LibGit2Sharp.Repository.IsValid(repository))
        {
            if (Directory.Exists(repository)) Directory.Delete(repository, recursive: true);
            DemoRepository.Create(repository);
        }

        return repository;
    }
}
