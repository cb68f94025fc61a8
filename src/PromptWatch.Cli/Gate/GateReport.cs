using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using PromptWatch.Cli.Output;
using Spectre.Console;

namespace PromptWatch.Cli.Gate;

/// <summary>The verdicts of <c>check</c> as text (a table and one summary line), JSON or JUnit XML (one testcase per change).</summary>
internal static class GateReport
{
    public static void WriteText(TextWriter output, int? width, IReadOnlyList<GateChange> changes, string range, TimeSpan grace)
    {
        var console = Terminal.Create(output, width);
        if (changes.Count > 0)
        {
            var table = Terminal.Table(output, "Commit", "Date", "Environment", "Use case", "Report", "Expected key");
            foreach (var change in changes)
            {
                var (text, style) = change.Outcome switch
                {
                    GateOutcome.Evaluated => ("evaluated", new Style(Color.Green)),
                    GateOutcome.WithinGrace => ("within grace", new Style(Color.Yellow)),
                    _ => ("MISSING", new Style(Color.Red)),
                };
                table.AddRow(
                    new Text(change.ShortSha),
                    new Text(change.CommitDate.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                    new Text(TerminalText.Escape(change.Environment)),
                    new Text(TerminalText.Escape(change.UseCase)),
                    new Text(text, style),
                    new Text(TerminalText.Escape(change.Outcome == GateOutcome.Evaluated ? change.Reports[0] : change.ExpectedKey)));
            }

            console.Write(table);
        }

        console.WriteLine(Summary(changes, range, grace));
    }

    public static string Summary(IReadOnlyList<GateChange> changes, string range, TimeSpan grace)
    {
        var missing = changes.Count(static c => c.Outcome == GateOutcome.Unevaluated);
        var pending = changes.Count(static c => c.Outcome == GateOutcome.WithinGrace);
        var evaluated = changes.Count - missing - pending;
        var verdict = missing == 0 ? "passed" : "FAILED";
        return $"check {verdict}: {changes.Count} change{(changes.Count == 1 ? "" : "s")} in {range}, {evaluated} evaluated, {missing} without an evaluation report after the {GraceText(grace)} grace period, {pending} within it.";
    }

    public static void WriteJson(Stream output, IReadOnlyList<GateChange> changes, string range, TimeSpan grace)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("passed", changes.All(static c => c.Outcome != GateOutcome.Unevaluated));
        writer.WriteString("range", range);
        writer.WriteNumber("grace_seconds", grace.TotalSeconds);
        writer.WriteStartArray("changes");
        foreach (var change in changes)
        {
            writer.WriteStartObject();
            writer.WriteString("commit_sha", change.CommitSha);
            writer.WriteString("commit_hash", change.ShortSha);
            writer.WriteString("commit_date", change.CommitDate);
            writer.WriteString("commit_message", change.Subject);
            writer.WriteString("environment", change.Environment);
            writer.WriteString("usecase", change.UseCase);
            writer.WriteString("status", Status(change.Outcome));
            writer.WriteString("expected_key", change.ExpectedKey);
            writer.WriteStartArray("reports");
            foreach (var report in change.Reports) writer.WriteStringValue(report);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    public static void WriteJUnit(TextWriter output, IReadOnlyList<GateChange> changes, string range, TimeSpan grace)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            var failures = changes.Count(static c => c.Outcome == GateOutcome.Unevaluated);
            var skipped = changes.Count(static c => c.Outcome == GateOutcome.WithinGrace);
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", "promptwatch check");
            writer.WriteAttributeString("tests", Number(changes.Count));
            writer.WriteAttributeString("failures", Number(failures));
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", "evaluation reports " + range);
            writer.WriteAttributeString("tests", Number(changes.Count));
            writer.WriteAttributeString("failures", Number(failures));
            writer.WriteAttributeString("errors", "0");
            writer.WriteAttributeString("skipped", Number(skipped));
            foreach (var change in changes)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", $"{change.Environment}.{change.UseCase}");
                writer.WriteAttributeString("name", $"{change.UseCase} in {change.Environment} at {change.ShortSha}");
                writer.WriteAttributeString("time", "0");
                switch (change.Outcome)
                {
                    case GateOutcome.Unevaluated:
                        writer.WriteStartElement("failure");
                        writer.WriteAttributeString("type", "unevaluated");
                        writer.WriteAttributeString("message", $"No evaluation report for {change.UseCase} at {change.ShortSha} after the {GraceText(grace)} grace period; expected {change.ExpectedKey}.");
                        writer.WriteString($"commit {change.CommitSha} ({change.CommitDate:O}): {change.Subject}");
                        writer.WriteEndElement();
                        break;
                    case GateOutcome.WithinGrace:
                        writer.WriteStartElement("skipped");
                        writer.WriteAttributeString("message", $"Within the {GraceText(grace)} grace period; expected {change.ExpectedKey}.");
                        writer.WriteEndElement();
                        break;
                    default:
                        writer.WriteElementString("system-out", string.Join('\n', change.Reports));
                        break;
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        // StringBuilder output declares UTF-16; the file is written as UTF-8.
        output.WriteLine(builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal));
    }

    private static string Status(GateOutcome outcome) => outcome switch
    {
        GateOutcome.Evaluated => "evaluated",
        GateOutcome.WithinGrace => "within_grace",
        _ => "unevaluated",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string GraceText(TimeSpan grace) => grace switch
    {
        { TotalDays: >= 1 } when grace.TotalDays == Math.Floor(grace.TotalDays) => $"{grace.TotalDays:0} d",
        { TotalHours: >= 1 } when grace.TotalHours == Math.Floor(grace.TotalHours) => $"{grace.TotalHours:0} h",
        { TotalMinutes: >= 1 } when grace.TotalMinutes == Math.Floor(grace.TotalMinutes) => $"{grace.TotalMinutes:0} min",
        _ => $"{grace.TotalSeconds:0} s",
    };
}
