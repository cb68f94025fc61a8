using System.Globalization;
using System.Text;
using PromptWatch.Model;

namespace PromptWatch.Tests.Differential;

/// <summary>Compares two entry lists field by field and describes the first difference.</summary>
internal static class EntryComparison
{
    /// <summary>Fails the test at the first entry that differs, showing both entries.</summary>
    public static void AssertSame(IReadOnlyList<ChangeEntry> expected, IReadOnlyList<ChangeEntry> actual, string expectedName = "git", string actualName = "scanner")
    {
        var difference = FirstDifference(expected, actual, expectedName, actualName);
        if (difference is not null) Assert.Fail(difference);
    }

    public static string? FirstDifference(IReadOnlyList<ChangeEntry> expected, IReadOnlyList<ChangeEntry> actual, string expectedName, string actualName)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            var field = e is null || a is null ? "presence" : DifferingField(e, a);
            if (field is null) continue;
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"Entry {i} differs ({field}); {expectedName} has {expected.Count} entries, {actualName} {actual.Count}.\n")
                .Append(CultureInfo.InvariantCulture, $"  {expectedName}: {Describe(e)}\n")
                .Append(CultureInfo.InvariantCulture, $"  {actualName}: {Describe(a)}\n");
            if (i > 0) text.Append(CultureInfo.InvariantCulture, $"  entry before: {Describe(expected[i - 1])}\n");
            return text.ToString();
        }

        return null;
    }

    private static string? DifferingField(ChangeEntry e, ChangeEntry a)
    {
        if (e.Kind != a.Kind) return "kind";
        if (e.Environment != a.Environment) return "environment";
        if (e.UseCase != a.UseCase) return "use case";
        if (StateDifference(e.State, a.State) is { } state) return "state " + state;
        if (e.Commit.Sha != a.Commit.Sha) return "commit sha";
        if (e.Commit.ShortSha != a.Commit.ShortSha || a.Commit.ShortSha != a.Commit.Sha[..7]) return "short sha";
        if (e.Commit.Date.UtcDateTime != a.Commit.Date.UtcDateTime || e.Commit.Date.Offset != a.Commit.Date.Offset) return "commit date";
        if (e.Commit.Message != a.Commit.Message) return "commit message";
        if (e.Commit.AuthorName != a.Commit.AuthorName) return "author name";
        if (e.Commit.AuthorEmail != a.Commit.AuthorEmail) return "author email";
        if (e.FilePath != a.FilePath) return "file path";
        if (!e.ChangedFields.SequenceEqual(a.ChangedFields)) return "changed fields";
        if (StateDifference(e.PreviousState, a.PreviousState) is { } previous) return "previous state " + previous;
        if (e.PreviousCommitSha != a.PreviousCommitSha) return "previous commit";
        if (e.IsLatest != a.IsLatest) return "is latest";
        if ((e.Error is null) != (a.Error is null)) return "error";
        if (e.Error is not null && e.Error.Message != a.Error!.Message) return "error message";
        if (e.Error is not null && (e.Error.Line != a.Error!.Line || e.Error.Column != a.Error.Column)) return "error position";
        return null;
    }

    private static string? StateDifference(UseCaseState? e, UseCaseState? a)
    {
        if (e is null || a is null) return (e is null) == (a is null) ? null : "presence";
        if (e.Model != a.Model) return "model";
        if (e.Prompt != a.Prompt) return "prompt";
        if (e.Enabled != a.Enabled) return "enabled";
        if (e.Temperature != a.Temperature) return "temperature";
        if (e.TopK != a.TopK) return "top_k";
        if (e.TopP != a.TopP) return "top_p";
        if (e.MaxTokens != a.MaxTokens) return "max_tokens";
        if (!e.Extras.SequenceEqual(a.Extras)) return "extras";
        return null;
    }

    private static string Describe(ChangeEntry? entry)
    {
        if (entry is null) return "(none)";
        var state = entry.State is { } s ? $" model={s.Model} prompt=\"{Escape(s.Prompt)}\" enabled={s.Enabled} t={s.Temperature} k={s.TopK} p={s.TopP} max={s.MaxTokens} extras=[{string.Join(", ", s.Extras.Select(x => x.Key + "=" + x.Value))}]" : string.Empty;
        return $"{entry.Kind} {entry.Environment}/{entry.UseCase} at {entry.Commit.Sha} ({entry.Commit.Date:o}, \"{Escape(entry.Commit.Subject)}\") {entry.FilePath}"
            + $" fields=[{string.Join(",", entry.ChangedFields)}] previous={entry.PreviousCommitSha?[..7] ?? "-"} latest={entry.IsLatest}{state}"
            + (entry.Error is { } error ? $" error={error}" : string.Empty);
    }

    private static string Escape(string text)
    {
        var shown = text.Replace("\r", "\\r").Replace("\n", "\\n");
        return shown.Length > 80 ? shown[..80] + "…" : shown;
    }
}
