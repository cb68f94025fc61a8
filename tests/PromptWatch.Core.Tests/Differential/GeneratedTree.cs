using System.Collections.Immutable;
using System.Text;

namespace PromptWatch.Tests.Differential;

/// <summary>The files of one generated commit: the folder holding the values files, the two values files (absent when <see langword="null"/>), and unrelated files.</summary>
internal sealed record GeneratedTree(string Folder, GeneratedValues? Test, GeneratedValues? Prod, ImmutableSortedDictionary<string, string> Noise)
{
    public Dictionary<string, byte[]> Render()
    {
        var files = Noise.ToDictionary(n => n.Key, n => Encoding.UTF8.GetBytes(n.Value), StringComparer.Ordinal);
        if (Test is not null) files[$"{Folder}/values-test.yaml"] = Test.Render();
        if (Prod is not null) files[$"{Folder}/values-prod.yaml"] = Prod.Render();
        return files;
    }

    /// <summary>The merge of <paramref name="side"/> into this tree, both made from <paramref name="fork"/>; files both sides changed get a resolution unlike either.</summary>
    public GeneratedTree Merge(GeneratedTree side, GeneratedTree fork, Random random)
    {
        var noise = Noise;
        foreach (var path in side.Noise.Keys.Union(fork.Noise.Keys))
        {
            var sideContent = side.Noise.GetValueOrDefault(path);
            if (sideContent == fork.Noise.GetValueOrDefault(path)) continue;
            noise = sideContent is null ? noise.Remove(path) : noise.SetItem(path, sideContent);
        }

        return this with { Test = MergeValues(Test, side.Test, fork.Test, random), Prod = MergeValues(Prod, side.Prod, fork.Prod, random), Noise = noise };
    }

    private static GeneratedValues? MergeValues(GeneratedValues? main, GeneratedValues? side, GeneratedValues? fork, Random random)
    {
        if (ReferenceEquals(side, fork)) return main;
        if (ReferenceEquals(main, fork)) return side;
        if (main is null || side is null) return main;
        return (side with { Broken = false }).Mutate(random);
    }
}
