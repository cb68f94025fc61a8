using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PromptWatch.Benchmarks;

/// <summary>
/// A deterministic repository of a given number of commits, written with <c>git fast-import</c> and
/// kept in a cache folder. Every commit edits one of 200 noise files; about 20 % also change one use
/// case of <c>chart/values-test.yaml</c> or <c>chart/values-prod.yaml</c> (a new prompt of 2 to 8
/// lines, or a model, temperature or enabled switch); 5 use cases per file; a merge commit every
/// 997 commits. <see cref="ExtraCommits"/> linear commits follow the history, for incremental scans:
/// <c>base</c> points at commit N, <c>plus1</c> at N+1, <c>main</c> at N+100.
/// </summary>
internal static class SyntheticHistory
{
    public const int ExtraCommits = 100;
    public const string ValuesTest = "chart/values-test.yaml";
    public const string ValuesProd = "chart/values-prod.yaml";
    private const int NoiseFiles = 200;
    private const int Version = 1;
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "llama-3.1-8b-instruct", "llama-3.1-70b-instruct", "mistral-7b-instruct"];
    private static readonly string[] UseCases = ["summarize", "classify", "extract", "translate", "answer"];
    private static readonly string[] Words = ["answer", "briefly", "cite", "the", "source", "never", "invent", "facts", "use", "plain", "language", "keep", "names", "exact", "list", "steps", "in", "order", "be", "polite"];

    /// <summary>The path of the repository with <paramref name="commits"/> commits (plus the extra ones), generated on first use.</summary>
    public static string Ensure(int commits)
    {
        var cache = Environment.GetEnvironmentVariable("PROMPTWATCH_BENCHMARK_CACHE")
            ?? Path.Combine(Path.GetTempPath(), "promptwatch-benchmark-repositories");
        var path = Path.Combine(cache, $"history-{commits}-v{Version}.git");
        if (File.Exists(Path.Combine(path, "generated"))) return path;

        var staging = path + ".partial-" + Environment.ProcessId;
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        Git(staging, null, "init", "--bare", "-q", "-b", "main");
        var stream = Path.Combine(staging, "import.stream");
        using (var writer = new FileStream(stream, FileMode.Create))
        {
            Write(writer, commits);
        }

        using (var input = File.OpenRead(stream))
        {
            Git(staging, input, "fast-import", "--quiet");
        }

        File.Delete(stream);
        File.WriteAllText(Path.Combine(staging, "generated"), commits.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.Move(staging, path);
        return path;
    }

    private static void Write(Stream output, int commits)
    {
        var random = new Random(20261123);
        var import = new FastImportWriter(output);
        var files = new[] { NewValues(random), NewValues(random) };
        var noise = new int[NoiseFiles];
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var total = commits + ExtraCommits;
        string? head = null;
        var changes = new List<(string Path, string Content)>();

        for (var i = 0; i < total; i++)
        {
            changes.Clear();
            if (i == 0)
            {
                for (var n = 0; n < NoiseFiles; n++) changes.Add((NoisePath(n), NoiseContent(n, 0)));
                changes.Add((ValuesTest, Render(files[0])));
                changes.Add((ValuesProd, Render(files[1])));
            }
            else
            {
                var n = random.Next(NoiseFiles);
                changes.Add((NoisePath(n), NoiseContent(n, ++noise[n])));
                if (random.NextDouble() < 0.2)
                {
                    var f = random.Next(2);
                    Mutate(files[f], random);
                    changes.Add((f == 0 ? ValuesTest : ValuesProd, Render(files[f])));
                }
            }

            time += 37;
            string? merge = null;
            if (i % 997 == 500 && i < commits)
            {
                // A side branch of three noise edits, merged back: the merge re-applies them on main.
                var side = head;
                var sideChanges = new List<(string, string)>();
                for (var s = 0; s < 3; s++)
                {
                    var n = (i + (s * 67)) % NoiseFiles;
                    var content = NoiseContent(n, ++noise[n]) + "side\n";
                    sideChanges.Add((NoisePath(n), content));
                    side = import.Commit("refs/heads/side", side, null, Author(random), time - 30 + s, $"Side change {i}.{s}", [(NoisePath(n), content)]);
                }

                changes.AddRange(sideChanges);
                merge = side;
            }

            var message = changes.Any(static c => c.Path.StartsWith("chart/", StringComparison.Ordinal)) ? $"Tune settings ({i})" : $"Change {i}";
            head = import.Commit("refs/heads/main", head, merge, Author(random), time, message, changes);
            if (i == commits - 1) import.Reset("refs/heads/base", head);
            if (i == commits) import.Reset("refs/heads/plus1", head);
        }

        import.Finish();
    }

    private static (string Name, string Email) Author(Random random)
    {
        var n = random.Next(10);
        return ($"Author {n}", $"author{n}@example.com");
    }

    private static string NoisePath(int n) => $"src/module{n % 20:00}/file{n:000}.txt";

    private static string NoiseContent(int n, int version) => $"noise file {n}\nversion {version}\n";

    private static Dictionary<string, UseCase> NewValues(Random random) =>
        UseCases.ToDictionary(static u => u, u => new UseCase(Models[random.Next(Models.Length)], Prompt(random), 0.7, true));

    private static void Mutate(Dictionary<string, UseCase> values, Random random)
    {
        var name = UseCases[random.Next(UseCases.Length)];
        var current = values[name];
        values[name] = random.Next(4) switch
        {
            0 => current with { Prompt = Prompt(random) },
            1 => current with { Model = Models[(Array.IndexOf(Models, current.Model) + 1) % Models.Length] },
            2 => current with { Temperature = Math.Round(random.NextDouble(), 2) },
            _ => current with { Enabled = !current.Enabled },
        };
    }

    private static string Prompt(Random random)
    {
        var lines = random.Next(2, 9);
        var text = new StringBuilder();
        for (var l = 0; l < lines; l++)
        {
            var words = random.Next(4, 12);
            for (var w = 0; w < words; w++) text.Append(w == 0 ? "" : " ").Append(Words[random.Next(Words.Length)]);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Render(Dictionary<string, UseCase> values)
    {
        var text = new StringBuilder("image:\n  repository: gateway\n  tag: \"1.0\"\n");
        foreach (var (name, u) in values)
        {
            text.Append('\n').Append(name).Append(":\n");
            text.Append("  enabled: ").Append(u.Enabled ? "true" : "false").Append('\n');
            text.Append("  model: ").Append(u.Model).Append('\n');
            text.Append("  temperature: ").Append(u.Temperature.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("  max_tokens: 512\n  prompt: |\n");
            foreach (var line in u.Prompt.TrimEnd('\n').Split('\n')) text.Append("    ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static void Git(string directory, Stream? input, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardInput = input is not null, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            input.CopyTo(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error.Result}");
    }

    private sealed record UseCase(string Model, string Prompt, double Temperature, bool Enabled);

    /// <summary>Writes a <c>git fast-import</c> stream with marks for commits.</summary>
    private sealed class FastImportWriter(Stream output)
    {
        private int _mark;

        public string Commit(string reference, string? from, string? merge, (string Name, string Email) author, long time, string message, IEnumerable<(string Path, string Content)> changes)
        {
            var mark = ":" + (++_mark).ToString(CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            text.Append("commit ").Append(reference).Append('\n');
            text.Append("mark ").Append(mark).Append('\n');
            var who = $"{author.Name} <{author.Email}> {time} +0000\n";
            text.Append("author ").Append(who).Append("committer ").Append(who);
            AppendData(text, message);
            if (from is not null) text.Append("from ").Append(from).Append('\n');
            if (merge is not null) text.Append("merge ").Append(merge).Append('\n');
            foreach (var (path, content) in changes)
            {
                text.Append("M 100644 inline ").Append(path).Append('\n');
                AppendData(text, content);
            }

            text.Append('\n');
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            output.Write(bytes);
            return mark;
        }

        public void Reset(string reference, string mark)
        {
            output.Write(Encoding.UTF8.GetBytes($"reset {reference}\nfrom {mark}\n\n"));
        }

        public void Finish() => output.Write("done\n"u8);

        private static void AppendData(StringBuilder text, string content)
        {
            text.Append("data ").Append(Encoding.UTF8.GetByteCount(content)).Append('\n').Append(content).Append('\n');
        }
    }
}
