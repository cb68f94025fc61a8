using BenchmarkDotNet.Attributes;
using PromptWatch.Results;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Classifying a store listing with the default layout: what a result store does with every object it lists,
/// so 100k objects is one S3 listing of a bucket with 100k reports (plus the files that are not results).
/// </summary>
[MemoryDiagnoser]
public class ResultLayoutBenchmarks
{
    private string[] _keys = [];

    /// <summary>Objects in the listing.</summary>
    [Params(100_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] names = ["summarize_results.html", "chat-benchmark-results.html", "benchmark-results.html", "translate.html", "extra/notes.html", "summary.json"];
        _keys = [.. Enumerable.Range(0, Objects).Select(i => i % 10 == 9 ? $"guidellm-benchmarks/{i:x40}/benchmark-results.html" : $"{i:x7}/{names[i % names.Length]}")];
    }

    /// <summary>Classifies every key.</summary>
    [Benchmark]
    public int Classify()
    {
        var layout = EvaluationResultLayout.Default;
        var results = 0;
        foreach (var key in _keys)
        {
            if (layout.Classify(key) is not null) results++;
        }

        return results;
    }

    /// <summary>Classifies every key and indexes the results, as a store's listing does.</summary>
    [Benchmark]
    public int ClassifyAndIndex() => new EvaluationResultIndex(_keys.Select(k => EvaluationResultLayout.Default.Classify(k)).OfType<EvaluationResult>()).Count;
}
