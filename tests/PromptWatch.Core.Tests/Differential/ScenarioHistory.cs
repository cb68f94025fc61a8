using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// A hand-written history made with ordinary git commands: merges (one resolving a conflict), folder
/// renames with and without edits, a copied file, a deleted and restored file, a YAML syntax error,
/// unicode and CRLF prompts, and equal and out-of-order commit dates.
/// </summary>
internal static class ScenarioHistory
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public static TestRepository Create()
    {
        var repo = TestRepository.Create();
        try
        {
            Build(repo);
            return repo;
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    private static void Build(TestRepository repo)
    {
        repo.WriteFile("README.md", "# service\n");
        repo.WriteFile("deploy/values-test.yaml", Values(("summarize", "gpt-4o", "Summarize the text.", "temperature: 0.2"), ("classify", "gpt-4o-mini", "Classify the ticket.", "owner: support")));
        repo.Commit("Add test values", At(0));

        repo.WriteFile("deploy/values-test.yaml", Values(("summarize", "gpt-4o", "Résumé en français, s'il vous plaît — 日本語も 🙂", "temperature: 0.3"), ("classify", "gpt-4o-mini", "Classify the ticket.", "owner: support")));
        repo.Commit("Unicode prompt\n\nWith a body.\n\n", At(1), new GitSignature("Ünïcode Committer", "committer@example.com", At(1).When));

        repo.Git("checkout", "-q", "-b", "side");
        repo.WriteFile("deploy/values-test.yaml", Values(("summarize", "gpt-4o", "Résumé en français, s'il vous plaît — 日本語も 🙂", "temperature: 0.3"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "owner: support")));
        repo.Commit("Side: classify prompt", At(2));
        repo.Git("checkout", "-q", "main");
        repo.WriteFile("deploy/values-test.yaml", Values(("summarize", "gpt-4.1", "Résumé en français, s'il vous plaît — 日本語も 🙂", "temperature: 0.3"), ("classify", "gpt-4o-mini", "Classify the ticket.", "owner: support")));
        repo.Commit("Main: summarize model (same date as the side commit)", At(2));
        Assert.True(repo.StartMerge("side"));
        repo.Commit("Merge side: both sides edited the test values", At(3));

        repo.Move("deploy", "chart");
        repo.Commit("Rename deploy/ to chart/ (dated before its parent)", At(-5));

        var test = Values(("summarize", "gpt-4.1", "Résumé en français, s'il vous plaît — 日本語も 🙂", "temperature: 0.3"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "owner: support"));
        repo.WriteFile("chart/values-prod.yaml", test);
        repo.Commit("Create prod values as a copy of test", At(4));

        repo.Git("checkout", "-q", "-b", "conflict");
        repo.WriteFile("chart/values-test.yaml", Values(("summarize", "gpt-4.1", "Line one.\\r\\nLine two.", "temperature: 0.3"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "owner: support")).ReplaceLineEndings("\r\n"));
        repo.Commit("Side: CRLF file and prompt", At(6));
        repo.Git("checkout", "-q", "main");
        repo.WriteFile("chart/values-test.yaml", Values(("summarize", "gpt-4.1", "Main prompt.", "temperature: 0.5"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "owner: support")));
        repo.Commit("Main: summarize prompt", At(6));
        Assert.False(repo.StartMerge("conflict"));
        repo.WriteFile("chart/values-test.yaml", Values(("summarize", "gpt-4.1", "Resolved: main and side.", "temperature: 0.4"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "owner: support")));
        repo.Commit("Merge conflict: resolve the summarize prompt", At(7));

        repo.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4.1\n  prompt: [unclosed\n");
        repo.Commit("Break the YAML", At(8));
        repo.WriteFile("chart/values-test.yaml", Values(("summarize", "gpt-4.1", "Resolved: main and side.", "temperature: 0.4"), ("translate", "gpt-4o", "Translate to German.", "region: eu")) + "image:\n  tag: v2\n");
        repo.Commit("Fix the YAML, replace classify by translate", At(8));

        repo.DeleteFile("chart/values-test.yaml");
        repo.Commit("Delete test values", At(9));
        repo.WriteFile("NOTES.txt", "unrelated\n");
        repo.Commit("Noise", At(9));
        repo.WriteFile("chart/values-test.yaml", Values(("summarize", "o3", "Restored prompt with a much longer text than before, so that it is not like prod.", "max_tokens: 900"), ("extract", "gpt-4o", "Extract the entities.", "top_k: 5")));
        repo.Commit("Restore test values", At(10));

        repo.Move("chart", "deploy");
        repo.WriteFile("deploy/values-test.yaml", Values(("summarize", "o3", "Restored prompt with a much longer text than before, so that it is not like prod.", "max_tokens: 950"), ("extract", "gpt-4o", "Extract the entities.", "top_k: 5")));
        repo.Commit("Move chart/ back to deploy/ and edit test", At(11));
        repo.Move("deploy", "chart");
        repo.Commit("Move deploy/ to chart/ again", At(11));
        repo.WriteFile("chart/values-prod.yaml", Values(("summarize", "gpt-4.1", "Prod prompt.", "enabled: false"), ("classify", "gpt-4o-mini", "Classify the ticket by urgency.", "top_p: 0.9")));
        repo.Commit("Prod: disable summarize", At(12));
    }

    private static GitSignature At(int minutes) => GitSignature.At(Start.AddMinutes(minutes));

    private static string Values(params (string Name, string Model, string Prompt, string Extra)[] useCases) =>
        string.Concat(useCases.Select(u => $"{u.Name}:\n  model: {u.Model}\n  prompt: \"{u.Prompt}\"\n  {u.Extra}\n"));
}
