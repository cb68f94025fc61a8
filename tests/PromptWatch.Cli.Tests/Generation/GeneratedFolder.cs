using YamlDotNet.RepresentationModel;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>A folder <c>promptwatch generate-config</c> wrote (through the command line, in-process), and its rules file read back.</summary>
internal sealed class GeneratedFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    private GeneratedFolder()
    {
    }

    public string Path => _folder.Combine("monitoring");

    public string RulesFile => System.IO.Path.Combine(Path, "rules", "promptwatch.rules.yml");

    public CliResult Result { get; private set; } = new(0, "", "");

    public static async Task<GeneratedFolder> CreateAsync(params string[] extraArgs)
    {
        var folder = new GeneratedFolder();
        folder.Result = await CliRunner.RunAsync(["generate-config", "--output", folder.Path, .. extraArgs]);
        Assert.True(folder.Result.ExitCode == 0, folder.Result.Error);
        return folder;
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The alerting rules of the rules file, by name: expression, <c>for</c>, labels and annotations.</summary>
    public IReadOnlyDictionary<string, GeneratedAlert> Alerts()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RulesFile)) stream.Load(reader);
        var alerts = new Dictionary<string, GeneratedAlert>(StringComparer.Ordinal);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                var name = ((YamlScalarNode)rule["alert"]).Value!;
                alerts[name] = new GeneratedAlert(
                    name,
                    ((YamlScalarNode)group["name"]).Value!,
                    ((YamlScalarNode)rule["expr"]).Value!,
                    rule.Children.TryGetValue("for", out var holdFor) ? ((YamlScalarNode)holdFor).Value! : null,
                    Map(rule["labels"]),
                    Map(rule["annotations"]));
            }
        }

        return alerts;
    }

    private static Dictionary<string, string> Map(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(static p => ((YamlScalarNode)p.Key).Value!, static p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);

    public void Dispose() => _folder.Dispose();
}

internal sealed record GeneratedAlert(string Name, string Group, string Expression, string? For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);
