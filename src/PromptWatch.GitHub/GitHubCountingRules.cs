namespace PromptWatch.GitHub;

/// <summary>
/// How events become counters and alerts. Name patterns are regular expressions matched anywhere in the
/// name, ignoring case; file patterns are globs (<c>*</c>, <c>**</c>, <c>?</c>) matched, ignoring case,
/// against the file name when they hold no <c>/</c> and against the whole path otherwise.
/// An empty list means its defaults (configuration can add to a list but not empty it).
/// </summary>
public sealed class GitHubCountingRules
{
    /// <summary>Check-run and workflow-job names that are tests: a failed one counts as a test failure. Default <c>test</c>, <c>spec</c>, <c>e2e</c>.</summary>
    public IList<string> TestNamePatterns { get; set; } = [];

    /// <summary>Branch, tag, release and deployment names that are hotfixes. Default <c>hotfix</c>.</summary>
    public IList<string> HotfixPatterns { get; set; } = [];

    /// <summary>Conclusions that count as failures. Default <c>failure</c>, <c>timed_out</c>.</summary>
    public IList<string> FailureConclusions { get; set; } = [];

    /// <summary>Files whose push raises an alert. Default <c>.env</c>, <c>.env.*</c>, <c>*.key</c>, <c>*.pem</c>, <c>id_rsa*</c>, <c>*.p12</c>, <c>*secret*</c>.</summary>
    public IList<string> SensitiveFiles { get; set; } = [];

    /// <summary>Issue labels that raise an alert (compared ignoring case). Default <c>P0</c>, <c>CRITICAL</c>, <c>URGENT</c>.</summary>
    public IList<string> UrgentLabels { get; set; } = [];

    /// <summary>Fills every empty list with its defaults.</summary>
    internal void ApplyDefaults()
    {
        Fill(TestNamePatterns, "test", "spec", "e2e");
        Fill(HotfixPatterns, "hotfix");
        Fill(FailureConclusions, "failure", "timed_out");
        Fill(SensitiveFiles, ".env", ".env.*", "*.key", "*.pem", "id_rsa*", "*.p12", "*secret*");
        Fill(UrgentLabels, "P0", "CRITICAL", "URGENT");
    }

    private static void Fill(IList<string> list, params string[] defaults)
    {
        if (list.Count > 0) return;
        foreach (var value in defaults) list.Add(value);
    }
}
