namespace PromptWatch.Tests.Differential;

/// <summary>One commit listed by <c>git log --follow --name-status</c>: the file's path there, or that it was deleted.</summary>
internal sealed record FollowLogEntry(string Sha, char Status, string Path);

/// <summary>Reads the output of <c>git log --follow --format=%H --name-status -- &lt;path&gt;</c>.</summary>
internal static class FollowLog
{
    public static List<FollowLogEntry> Parse(string output)
    {
        var entries = new List<FollowLogEntry>();
        string? sha = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.Length == 40 && !line.Contains('\t'))
            {
                sha = line;
                continue;
            }

            var columns = line.Split('\t');
            if (sha is null || columns.Length < 2) throw new FormatException($"Unexpected git log line '{line}'.");
            entries.Add(new FollowLogEntry(sha, columns[0][0], columns[^1]));
            sha = null; // one watched path, so at most one status line per commit
        }

        return entries;
    }
}
