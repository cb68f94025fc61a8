using System.Globalization;
using LibGit2Sharp;

namespace PromptWatch.Demo;

/// <summary>
/// Writes a small repository whose history shows what PromptWatch reports: use cases added, prompts
/// rewritten, parameters tuned, a use case disabled, a production file promoted from test, several authors.
/// </summary>
public static class DemoRepository
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 9, 0, 0, TimeSpan.FromHours(2));

    private static readonly (string Name, string Email)[] Authors =
    [
        ("Ada Example", "ada@example.com"),
        ("Lin Example", "lin@example.com"),
        ("Sam Example", "sam@example.com"),
    ];

    /// <summary>Creates the demo repository in <paramref name="folder"/>, on branch <c>main</c>.</summary>
    /// <param name="folder">A folder that does not exist yet, or an empty one.</param>
    /// <returns>The full path of the repository's working folder.</returns>
    /// <exception cref="PromptWatchException">The folder exists and is not empty.</exception>
    public static string Create(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new PromptWatchException($"'{folder}' exists and is not empty; name a new folder.");
        }

        Directory.CreateDirectory(folder);
        Repository.Init(folder);
        using var repository = new Repository(folder);
        repository.Refs.UpdateTarget("HEAD", "refs/heads/main");

        var test = new Dictionary<string, UseCase>(StringComparer.Ordinal);
        var prod = new Dictionary<string, UseCase>(StringComparer.Ordinal);
        var step = 0;

        void Commit(string message, bool includeProd = false)
        {
            Write(folder, "chart/values-test.yaml", test);
            if (includeProd || prod.Count > 0) Write(folder, "chart/values-prod.yaml", prod);
            LibGit2Sharp.Commands.Stage(repository, "*");
            var author = Authors[step % Authors.Length];
            var when = Start.AddHours(step * 19).AddMinutes(step * 7 % 60);
            var signature = new Signature(author.Name, author.Email, when);
            repository.Commit(message, signature, signature);
            step++;
        }

        test["summarize"] = new("gpt-4o-mini", "Summarize the following text in three sentences.", 0.7, 40, 0.9, 512, true);
        test["classify"] = new("llama-3.1-8b-instruct", "Classify the ticket as one of: bug, feature, question.\nAnswer with the label only.", 0.0, null, null, 16, true);
        Commit("Add summarize and classify use cases");

        test["summarize"] = test["summarize"] with { Prompt = "Summarize the following text in three sentences.\nKeep names and numbers exact." };
        Commit("summarize: keep names and numbers exact");

        test["summarize"] = test["summarize"] with { Temperature = 0.5 };
        Commit("summarize: lower temperature after eval run");

        test["extract"] = new("mistral-7b-instruct", "Extract every date and amount from the invoice as JSON.", 0.2, null, null, 1024, true);
        Commit("Add extract use case");

        foreach (var (name, useCase) in test) prod[name] = useCase;
        Commit("Promote test settings to prod", includeProd: true);

        test["classify"] = test["classify"] with { Model = "llama-3.1-70b-instruct" };
        Commit("classify: try the 70b model");

        test["summarize"] = test["summarize"] with { Prompt = "You are a careful editor.\nSummarize the following text in three sentences.\nKeep names and numbers exact.", MaxTokens = 384 };
        Commit("summarize: add an editor persona, shorter output");

        test["extract"] = test["extract"] with { Enabled = false };
        Commit("extract: disable until the parser is fixed");

        prod["classify"] = test["classify"];
        Commit("prod: roll out the 70b classifier");

        test["extract"] = test["extract"] with { Enabled = true, Prompt = "Extract every date and amount from the invoice.\nReturn JSON: {\"dates\": [...], \"amounts\": [...]}" };
        Commit("extract: re-enable with a stricter output format");

        prod["summarize"] = test["summarize"] with { Temperature = 0.4 };
        Commit("prod: summarize with the editor persona");

        return Path.GetFullPath(folder);
    }

    private static void Write(string folder, string path, Dictionary<string, UseCase> useCases)
    {
        var file = Path.Combine(folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = new StreamWriter(file);
        writer.NewLine = "\n";
        writer.WriteLine("# Model and prompt settings, one block per use case.");
        writer.WriteLine("image:");
        writer.WriteLine("  repository: registry.example.com/llm-gateway");
        writer.WriteLine("  tag: \"1.4.2\"");
        foreach (var (name, useCase) in useCases)
        {
            writer.WriteLine();
            writer.WriteLine(name + ":");
            writer.WriteLine("  enabled: " + (useCase.Enabled ? "true" : "false"));
            writer.WriteLine("  model: " + useCase.Model);
            writer.WriteLine("  prompt: |");
            foreach (var line in useCase.Prompt.Split('\n')) writer.WriteLine("    " + line);
            if (useCase.Temperature is { } temperature) writer.WriteLine("  temperature: " + temperature.ToString(CultureInfo.InvariantCulture));
            if (useCase.TopK is { } topK) writer.WriteLine("  top_k: " + topK.ToString(CultureInfo.InvariantCulture));
            if (useCase.TopP is { } topP) writer.WriteLine("  top_p: " + topP.ToString(CultureInfo.InvariantCulture));
            if (useCase.MaxTokens is { } maxTokens) writer.WriteLine("  max_tokens: " + maxTokens.ToString(CultureInfo.InvariantCulture));
        }
    }

    private sealed record UseCase(string Model, string Prompt, double? Temperature, int? TopK, double? TopP, int? MaxTokens, bool Enabled);
}
