using System.Collections.Immutable;
using System.Text;

namespace PromptWatch.Tests.Differential;

/// <summary>One use-case block of a generated values file, and how it is written.</summary>
internal sealed record GeneratedUseCase(
    string Name,
    string Model,
    string Prompt,
    bool BlockPrompt,
    string? Enabled,
    string? Temperature,
    string? TopK,
    string? MaxTokens,
    ImmutableSortedDictionary<string, string> Extras)
{
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3", "claude-sonnet", "mistral-large"];
    private static readonly string[] Words = ["summarize", "the", "ticket", "politely", "résumé", "naïve", "日本語", "Привет", "🙂", "customer", "answer", "in", "short", "sentences", "with", "care", "über", "daß", "ça", "va"];
    private static readonly string[] ExtraKeys = ["owner", "region", "tier", "retries"];

    public static GeneratedUseCase Random(Random random, string name) =>
        new(name, Pick(random, Models), Sentence(random, 2 + random.Next(3)), random.Next(2) == 0, null, null, null, null, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>A copy with one or two settings changed.</summary>
    public GeneratedUseCase Mutate(Random random)
    {
        var result = this;
        for (var i = 0; i < 1 + random.Next(2); i++)
        {
            result = random.Next(8) switch
            {
                0 => result with { Model = Pick(random, Models) },
                1 => result with { Prompt = Sentence(random, 2 + random.Next(3)) },
                2 => result with { BlockPrompt = !result.BlockPrompt },
                3 => result with { Enabled = result.Enabled is null ? (random.Next(2) == 0 ? "false" : "true") : null },
                4 => result with { Temperature = random.Next(3) == 0 ? null : $"0.{random.Next(10)}" },
                5 => result with { TopK = random.Next(3) == 0 ? null : $"{random.Next(1, 50)}" },
                6 => result with { MaxTokens = random.Next(3) == 0 ? null : $"{random.Next(1, 40) * 64}" },
                _ => MutateExtra(random, result),
            };
        }

        return result;
    }

    public void Render(StringBuilder text)
    {
        text.Append(Name).Append(":\n  model: ").Append(Model).Append('\n');
        if (BlockPrompt)
        {
            text.Append("  prompt: |\n");
            foreach (var line in Prompt.Split('\n')) text.Append("    ").Append(line).Append('\n');
        }
        else
        {
            text.Append("  prompt: \"").Append(Prompt.Replace("\n", "\\n")).Append("\"\n");
        }

        if (Enabled is not null) text.Append("  enabled: ").Append(Enabled).Append('\n');
        if (Temperature is not null) text.Append("  temperature: ").Append(Temperature).Append('\n');
        if (TopK is not null) text.Append("  top_k: ").Append(TopK).Append('\n');
        if (MaxTokens is not null) text.Append("  max_tokens: ").Append(MaxTokens).Append('\n');
        foreach (var (key, value) in Extras) text.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
    }

    private static GeneratedUseCase MutateExtra(Random random, GeneratedUseCase useCase)
    {
        var key = Pick(random, ExtraKeys);
        return useCase with
        {
            Extras = useCase.Extras.ContainsKey(key) && random.Next(2) == 0 ? useCase.Extras.Remove(key) : useCase.Extras.SetItem(key, $"v{random.Next(100)}"),
        };
    }

    private static string Sentence(Random random, int lines) =>
        string.Join('\n', Enumerable.Range(0, lines).Select(_ => string.Join(' ', Enumerable.Range(0, 3 + random.Next(6)).Select(_ => Pick(random, Words)))));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
