using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// Histories where the added watched file has several possible sources, and git prefers a source the
/// commit deletes (a rename) over one that stays (a copy), even a more similar one.
/// </summary>
internal static class RenameSourceHistory
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <c>chart/values-test.yaml</c> is added while <c>deploy/values-test.yaml</c> (60 % alike) is
    /// deleted and <c>templates/values-test.yaml</c> (90 % alike) stays: git follows the deleted one.
    /// </summary>
    public static TestRepository SimilarSources()
    {
        var repo = TestRepository.Create();
        var shared = Lines("shared", 6);
        repo.WriteFile("deploy/values-test.yaml", UseCase("summarize", "deploy-model", shared + Lines("deploy", 4)));
        repo.WriteFile("templates/values-test.yaml", UseCase("summarize", "template-model", shared + Lines("template", 4)));
        repo.Commit("Two candidate sources", GitSignature.At(Start));
        repo.WriteFile("deploy/values-test.yaml", UseCase("summarize", "deploy-model-2", shared + Lines("deploy", 4)));
        repo.Commit("Edit the deploy copy", GitSignature.At(Start.AddMinutes(1)));

        repo.DeleteFile("deploy/values-test.yaml");
        repo.WriteFile("chart/values-test.yaml", UseCase("summarize", "template-model", shared + Lines("template", 3) + "    one new line\n"));
        repo.Commit("Move test values to chart/, now like the template", GitSignature.At(Start.AddMinutes(2)));
        return repo;
    }

    /// <summary>
    /// <c>chart/values-test.yaml</c> is re-added identical to <c>archive/old.yaml</c> (deleted in the same
    /// commit) and to <c>backup/values-test.yaml</c> (kept, same file name): git follows the first in path
    /// order among the best, where a deletion counts as much as a same file name.
    /// </summary>
    public static TestRepository IdenticalSources()
    {
        var repo = TestRepository.Create();
        repo.WriteFile("chart/values-test.yaml", UseCase("summarize", "first", "    first prompt\n"));
        repo.WriteFile("archive/old.yaml", UseCase("summarize", "archived", "    old prompt\n"));
        repo.WriteFile("backup/values-test.yaml", UseCase("summarize", "backup", "    backup prompt\n"));
        repo.Commit("Three files", GitSignature.At(Start));
        var same = UseCase("summarize", "final", "    same prompt\n");
        repo.WriteFile("archive/old.yaml", same);
        repo.Commit("Archive changes", GitSignature.At(Start.AddMinutes(1)));
        repo.WriteFile("backup/values-test.yaml", same);
        repo.DeleteFile("chart/values-test.yaml");
        repo.Commit("Backup changes, test values deleted", GitSignature.At(Start.AddMinutes(2)));

        repo.DeleteFile("archive/old.yaml");
        repo.WriteFile("chart/values-test.yaml", same);
        repo.Commit("Restore test values from the archive", GitSignature.At(Start.AddMinutes(3)));
        return repo;
    }

    private static string UseCase(string name, string model, string promptLines) =>
        $"{name}:\n  model: {model}\n  prompt: |\n{promptLines}";

    private static string Lines(string prefix, int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"    {prefix} line number {i} of the prompt text\n"));
}
