using System.Collections.Immutable;
using System.Globalization;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>
/// Finds versions of a use case in a repository's timeline by reference, and compares two of them. A reference is an
/// environment (its current version), <c>env@date</c> (the version there at the end of that day, or at that instant
/// when a time is given), a commit that changed the use case (full, or 7 or more characters), or <c>env@commit</c>.
/// </summary>
public static class VersionComparison
{
    private const int MinimumAbbreviation = 7;

    /// <summary>The version <paramref name="reference"/> names.</summary>
    /// <param name="repository">The repository's name (only its entries are read).</param>
    /// <param name="timeline">The timeline, newest first.</param>
    /// <param name="useCase">The use case.</param>
    /// <param name="environments">The repository's environments.</param>
    /// <param name="reference">The reference.</param>
    /// <returns>The version, or the problem.</returns>
    public static VersionLookup Resolve(string repository, IEnumerable<TimelineEntry> timeline, string useCase, IReadOnlyCollection<string> environments, string reference)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        // Oldest first.
        var entries = timeline.Where(e => e.Repository == repository && e.Change.Kind != ChangeKind.Error && e.Change.UseCase == useCase).Reverse().ToList();
        var text = reference.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var environmentPart = at >= 0 ? text[..at] : text;
        var environment = environments.FirstOrDefault(e => string.Equals(e, environmentPart, StringComparison.OrdinalIgnoreCase));
        if (at < 0 && environment is not null) return Found(VersionAt(text, environment, entries, DateTimeOffset.MaxValue));
        if (at >= 0)
        {
            if (environment is null) return Missing($"'{environmentPart}' is not an environment (reference '{text}'). Environments: {string.Join(", ", environments)}.");
            var rest = text[(at + 1)..];
            if (TryParseDate(rest, out var until)) return Found(VersionAt(text, environment, entries, until));
            return ByCommit(text, rest, entries.Where(e => e.Change.Environment == environment).ToList(), useCase);
        }

        return ByCommit(text, text, entries, useCase);
    }

    /// <summary>The fields that differ from <paramref name="from"/> to <paramref name="to"/>, with their values, and the prompt's diff.</summary>
    /// <param name="from">The older (or left) version.</param>
    /// <param name="to">The newer (or right) version.</param>
    /// <returns>The comparison; empty when both are the same settings.</returns>
    public static VersionDifference Compare(UseCaseVersion from, UseCaseVersion to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ImmutableArray<string> fields;
        if (from.State is { } a && to.State is { } b) fields = b.ChangedFieldsSince(a);
        else if (from.State is null && to.State is null) fields = [];
        else fields = AllFields((from.State ?? to.State)!);
        var changes = fields.Select(f => new FieldChange(f, from.State?.FormatField(f), to.State?.FormatField(f))).ToImmutableArray();
        var diff = fields.Contains(UseCaseState.Fields.Prompt) ? PromptDiff.Compute(from.State?.Prompt, to.State?.Prompt) : null;
        return new VersionDifference(changes, diff);
    }

    /// <summary>Every field <paramref name="state"/> has a value for: what differs from a side that lacks the use case.</summary>
    internal static ImmutableArray<string> AllFields(UseCaseState state)
    {
        var fields = ImmutableArray.CreateBuilder<string>();
        fields.AddRange(UseCaseState.Fields.Model, UseCaseState.Fields.Prompt, UseCaseState.Fields.Enabled);
        if (state.Temperature is not null) fields.Add(UseCaseState.Fields.Temperature);
        if (state.TopK is not null) fields.Add(UseCaseState.Fields.TopK);
        if (state.TopP is not null) fields.Add(UseCaseState.Fields.TopP);
        if (state.MaxTokens is not null) fields.Add(UseCaseState.Fields.MaxTokens);
        foreach (var key in state.Extras.Keys) fields.Add(UseCaseState.Fields.ExtrasPrefix + key);
        return fields.ToImmutable();
    }

    private static UseCaseVersion VersionAt(string reference, string environment, List<TimelineEntry> entries, DateTimeOffset until)
    {
        var entry = entries.LastOrDefault(e => e.Change.Environment == environment && e.Change.Commit.Date <= until);
        return new UseCaseVersion(reference, environment, entry?.Change.State, entry?.Change.Commit);
    }

    private static VersionLookup ByCommit(string reference, string sha, List<TimelineEntry> entries, string useCase)
    {
        if (sha.Length < MinimumAbbreviation || !sha.All(char.IsAsciiHexDigit))
        {
            return Missing($"'{reference}' is neither an environment, env@date nor a commit (full or {MinimumAbbreviation}+ hexadecimal characters).");
        }

        var matches = entries.Where(e => e.Change.Commit.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0) return Missing($"No change of {useCase} was made in commit '{sha}'.");
        if (matches.Count > 1)
        {
            var candidates = matches.Select(static e => $"{e.Change.Environment}@{e.Change.Commit.Sha}").Distinct(StringComparer.Ordinal).ToImmutableArray();
            return new VersionLookup(null, $"'{reference}' could mean {string.Join(", ", candidates)}: name the environment and more of the commit.", candidates);
        }

        var match = matches[0];
        return Found(new UseCaseVersion(reference, match.Change.Environment, match.Change.State, match.Change.Commit));
    }

    /// <summary><c>yyyy-MM-dd</c> is the end of that day (UTC); any other date and time is that instant.</summary>
    private static bool TryParseDate(string text, out DateTimeOffset until)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            until = new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out until) && text.Contains('-', StringComparison.Ordinal);
    }

    private static VersionLookup Found(UseCaseVersion version) => new(version, null, []);

    private static VersionLookup Missing(string problem) => new(null, problem, []);
}
