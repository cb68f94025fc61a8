using System.Collections.Immutable;
using System.Text;

namespace PromptWatch.Tests.Differential;

/// <summary>A generated values file: its use cases and how it is written (line endings, a deliberate syntax error).</summary>
internal sealed record GeneratedValues(ImmutableList<GeneratedUseCase> UseCases, bool Crlf, bool Broken)
{
    private static readonly string[] Names = ["summarize", "classify", "translate", "extract", "chat-reply", "moderate"];

    public static GeneratedValues Random(Random random) =>
        new([GeneratedUseCase.Random(random, "summarize"), GeneratedUseCase.Random(random, "classify")], false, false);

    /// <summary>A valid version with one change: an edited, added or removed use case, or other line endings.</summary>
    public GeneratedValues Mutate(Random random)
    {
        var useCases = UseCases;
        var roll = random.Next(20);
        if (roll == 0 && useCases.Count > 1)
        {
            useCases = useCases.RemoveAt(random.Next(useCases.Count));
        }
        else if (roll == 1 && Names.FirstOrDefault(n => useCases.All(u => u.Name != n)) is { } name)
        {
            useCases = useCases.Insert(random.Next(useCases.Count + 1), GeneratedUseCase.Random(random, name));
        }
        else if (roll != 2)
        {
            var index = random.Next(useCases.Count);
            useCases = useCases.SetItem(index, useCases[index].Mutate(random));
        }

        return new GeneratedValues(useCases, roll == 2 ? !Crlf : Crlf, false);
    }

    public byte[] Render()
    {
        var text = new StringBuilder().Append("# model settings\nimage:\n  repository: service\n  tag: stable\n");
        foreach (var useCase in UseCases) useCase.Render(text);
        if (Broken) text.Append("broken: [unclosed\n");
        var result = text.ToString();
        return Encoding.UTF8.GetBytes(Crlf ? result.Replace("\n", "\r\n") : result);
    }
}
