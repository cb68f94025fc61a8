using YamlDotNet.Serialization;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Baseline A, the method of the tool PromptWatch replaces: per watched file
/// <c>git log --oneline --follow</c>, then per listed commit one <c>git show --no-patch --format=...</c>
/// and one <c>git show &lt;sha&gt;:&lt;path&gt;</c> process, each file version parsed with YamlDotNet.
/// </summary>
internal static class ReplacedToolBaseline
{
    public static int Run(string repository, string branch, IEnumerable<string> files)
    {
        var deserializer = new DeserializerBuilder().Build();
        var versions = 0;
        foreach (var file in files)
        {
            var log = GitProcess.Run(repository, "log", "--oneline", "--follow", branch, "--", file);
            foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var sha = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                _ = GitProcess.Run(repository, "show", "--no-patch", "--format=%H|%an|%ae|%aI|%s", sha);
                string content;
                try
                {
                    content = GitProcess.Run(repository, "show", $"{sha}:{file}");
                }
                catch (InvalidOperationException)
                {
                    continue; // the file did not exist under this name in that commit
                }

                _ = deserializer.Deserialize<Dictionary<string, object>>(content);
                versions++;
            }
        }

        return versions;
    }
}
