using System.Globalization;
using System.Text;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>One line of a job's log: its number, timestamp (when the line starts with one), text, and whether it is an error.</summary>
internal sealed record LogLine(int Number, DateTimeOffset? Timestamp, string Text, bool Error, bool Warning);

/// <summary>One section of a job's log: from a <c>##[group]</c> line to the next one (the lines before the first group form a section named <c>(setup)</c>).</summary>
internal sealed record LogSection(string Name, DateTimeOffset? StartedAt, int ErrorCount, IReadOnlyList<LogLine> Lines);

/// <summary>A parsed job log.</summary>
internal sealed record ParsedJobLog(long? JobId, string JobName, bool Truncated, int LineCount, int ErrorCount, IReadOnlyList<LogSection> Steps);

/// <summary>
/// Parses GitHub Actions' job log format: each line may start with an ISO 8601 timestamp and a space; <c>##[group]Name</c>
/// opens a step's section, <c>##[endgroup]</c> closes its header (the step's output follows until the next group),
/// <c>##[error]</c> and <c>##[warning]</c> mark lines. Text beyond the cap is cut from the beginning (errors are at the end).
/// </summary>
internal static class JobLogParser
{
    public static ParsedJobLog Parse(PipelineJobLog log, int maxBytes)
    {
        var (text, cut) = Cap(log.Text, maxBytes);
        var sections = new List<LogSection>();
        var name = "(setup)";
        DateTimeOffset? started = null;
        var lines = new List<LogLine>();
        var errors = 0;
        var total = 0;
        var totalErrors = 0;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 && number == 0 && cut) continue;
            number++;
            var (timestamp, body) = SplitTimestamp(line);
            if (body.StartsWith("##[group]", StringComparison.Ordinal))
            {
                if (lines.Count > 0 || sections.Count > 0 || name != "(setup)") sections.Add(new LogSection(name, started, errors, lines));
                name = body["##[group]".Length..].Trim();
                started = timestamp;
                lines = [];
                errors = 0;
                continue;
            }

            if (body.StartsWith("##[endgroup]", StringComparison.Ordinal)) continue;
            var error = body.StartsWith("##[error]", StringComparison.Ordinal);
            var warning = body.StartsWith("##[warning]", StringComparison.Ordinal);
            if (error) body = body["##[error]".Length..];
            else if (warning) body = body["##[warning]".Length..];
            if (error)
            {
                errors++;
                totalErrors++;
            }

            started ??= timestamp;
            lines.Add(new LogLine(number, timestamp, body, error, warning));
            total++;
        }

        if (lines.Count > 0 || name != "(setup)") sections.Add(new LogSection(name, started, errors, lines));
        return new ParsedJobLog(log.JobId, log.JobName, log.Truncated || cut, total, totalErrors, sections);
    }

    /// <summary>The end of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes, starting at a line.</summary>
    public static (string Text, bool Cut) Cap(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return (text, false);
        var bytes = Encoding.UTF8.GetBytes(text);
        var start = bytes.Length - maxBytes;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80) start++;
        var tail = Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        var newline = tail.IndexOf('\n', StringComparison.Ordinal);
        return (newline >= 0 && newline < tail.Length - 1 ? tail[(newline + 1)..] : tail, true);
    }

    private static (DateTimeOffset?, string) SplitTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space is >= 19 and <= 40 && char.IsAsciiDigit(line[0])
            && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return (at, line[(space + 1)..]);
        }

        return (null, line);
    }
}
