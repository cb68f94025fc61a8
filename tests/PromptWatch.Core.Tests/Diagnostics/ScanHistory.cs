using PromptWatch.Model;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>A small real repository whose commits each change the model or prompt of one use case.</summary>
public static class ScanHistory
{
    /// <summary>The watched file.</summary>
    public static readonly WatchedFile File = new("chart/values-test.yaml", "test");

    /// <summary>The number of commits <see cref="Create"/> makes.</summary>
    public const int Commits = 3;

    /// <summary>Creates the repository with <see cref="Commits"/> commits on <c>main</c>.</summary>
    public static TestRepository Create()
    {
        var repo = TestRepository.Create();
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1));
        (string Model, string Prompt)[] versions = [("gpt-4o", "Summarize."), ("gpt-4.1", "Summarize."), ("gpt-4.1", "Summarize briefly.")];
        for (var i = 0; i < versions.Length; i++)
        {
            repo.WriteFile(File.Path, $"summarize:\n  model: {versions[i].Model}\n  prompt: {versions[i].Prompt}\n");
            repo.Commit($"Version {i}", GitSignature.At(start.AddMinutes(i)));
        }

        return repo;
    }
}
