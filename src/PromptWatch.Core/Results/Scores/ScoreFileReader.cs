using System.Collections.Immutable;
using System.Text.Json;

namespace PromptWatch.Results;

/// <summary>
/// Reads score files: the documented shape <c>{"metrics": {"name": 0.82, "other": {"value": 930, "direction": "lower"}}}</c>,
/// and lm-evaluation-harness's results JSON as it is, <c>{"results": {"task": {"acc,none": 0.5, "acc_stderr,none": 0.01}}}</c>
/// (metrics <c>task/acc,none</c>, <c>_stderr</c> entries carried as the standard error of their metric, other non-numbers skipped).
/// </summary>
public static class ScoreFileReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses a score file; never throws on bad content.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <returns>The metrics, or the file's error.</returns>
    public static ScoreFile Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            return ScoreFile.Failed($"The score file is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ScoreFile.Failed("The score file is not a JSON object.");
            if (root.TryGetProperty("metrics", out var metrics)) return ReadMetrics(metrics);
            if (root.TryGetProperty("results", out var results)) return ReadHarness(results);
            return ScoreFile.Failed("The score file has neither a \"metrics\" nor a \"results\" object.");
        }
    }

    private static ScoreFile ReadMetrics(JsonElement metrics)
    {
        if (metrics.ValueKind != JsonValueKind.Object) return ScoreFile.Failed("\"metrics\" is not an object.");
        var found = ImmutableArray.CreateBuilder<ScoreMetric>();
        foreach (var metric in metrics.EnumerateObject())
        {
            if (metric.Value.ValueKind == JsonValueKind.Number)
            {
                found.Add(new ScoreMetric(metric.Name, metric.Value.GetDouble(), ScoreDirection.Higher));
                continue;
            }

            if (metric.Value.ValueKind != JsonValueKind.Object || !metric.Value.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
            {
                return ScoreFile.Failed($"The metric \"{metric.Name}\" is neither a number nor an object with a numeric \"value\".");
            }

            var direction = ScoreDirection.Higher;
            if (metric.Value.TryGetProperty("direction", out var given))
            {
                switch (given.ValueKind == JsonValueKind.String ? given.GetString() : null)
                {
                    case "higher": break;
                    case "lower": direction = ScoreDirection.Lower; break;
                    default: return ScoreFile.Failed($"The metric \"{metric.Name}\" has a direction other than \"higher\" or \"lower\".");
                }
            }

            double? stderr = metric.Value.TryGetProperty("stderr", out var error) && error.ValueKind == JsonValueKind.Number ? error.GetDouble() : null;
            found.Add(new ScoreMetric(metric.Name, value.GetDouble(), direction, stderr));
        }

        return Distinct(found.ToImmutable());
    }

    private static ScoreFile ReadHarness(JsonElement results)
    {
        if (results.ValueKind != JsonValueKind.Object) return ScoreFile.Failed("\"results\" is not an object.");
        var found = ImmutableArray.CreateBuilder<ScoreMetric>();
        foreach (var task in results.EnumerateObject())
        {
            if (task.Value.ValueKind != JsonValueKind.Object) continue;
            var numbers = task.Value.EnumerateObject().Where(static p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(static p => p.Name, static p => p.Value.GetDouble(), StringComparer.Ordinal);
            foreach (var (name, value) in numbers)
            {
                if (IsStderr(name)) continue;
                found.Add(new ScoreMetric($"{task.Name}/{name}", value, ScoreDirection.Higher, numbers.TryGetValue(StderrName(name), out var stderr) ? stderr : null));
            }
        }

        return Distinct(found.ToImmutable());
    }

    // The harness names a metric's standard error "<metric>_stderr,<filter>" ("acc,none" → "acc_stderr,none"), or "<metric>_stderr".
    private static string StderrName(string metric) => metric.IndexOf(',', StringComparison.Ordinal) is var comma and >= 0
        ? string.Concat(metric.AsSpan(0, comma), "_stderr", metric.AsSpan(comma))
        : metric + "_stderr";

    private static bool IsStderr(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return (comma >= 0 ? name.AsSpan(0, comma) : name.AsSpan()).EndsWith("_stderr", StringComparison.Ordinal);
    }

    private static ScoreFile Distinct(ImmutableArray<ScoreMetric> metrics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (!names.Add(metric.Name)) return ScoreFile.Failed($"The metric \"{metric.Name}\" appears twice.");
            if (!double.IsFinite(metric.Value)) return ScoreFile.Failed($"The metric \"{metric.Name}\" is not a finite number.");
        }

        return new ScoreFile(metrics, null);
    }
}
