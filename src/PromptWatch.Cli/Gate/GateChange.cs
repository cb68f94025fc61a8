namespace PromptWatch.Cli.Gate;

/// <summary>What <c>check</c> found for one change: its commit, environment and use case, and the report it looked for.</summary>
/// <param name="CommitSha">The full sha of the commit that changed the use case.</param>
/// <param name="CommitDate">The commit's committer date.</param>
/// <param name="Subject">The commit message's first line.</param>
/// <param name="Environment">The environment of the watched file.</param>
/// <param name="UseCase">The use case.</param>
/// <param name="ExpectedKey">The key of the evaluation report the default layout expects: <c>&lt;commit&gt;/&lt;usecase&gt;_results.html</c>.</param>
/// <param name="Outcome">Whether a report was found, is missing, or may still come.</param>
/// <param name="Reports">The keys of the reports found for the change.</param>
internal sealed record GateChange(
    string CommitSha,
    DateTimeOffset CommitDate,
    string Subject,
    string Environment,
    string UseCase,
    string ExpectedKey,
    GateOutcome Outcome,
    IReadOnlyList<string> Reports)
{
    public string ShortSha => CommitSha[..Math.Min(7, CommitSha.Length)];
}

/// <summary>The verdict on one change.</summary>
internal enum GateOutcome
{
    /// <summary>A report of the commit names the use case (or the whole commit).</summary>
    Evaluated,

    /// <summary>No report, and the commit is older than the grace period: the gate fails.</summary>
    Unevaluated,

    /// <summary>No report yet, but the commit is within the grace period.</summary>
    WithinGrace,
}
