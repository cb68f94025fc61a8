using System.Text;

namespace PromptWatch.Cli.Generation;

/// <summary>What <c>generate-config</c> prints: the files written, the alerts, the rules left out and the panels.</summary>
internal static class GenerationReport
{
    public static string Render(IReadOnlyList<string> files, GenerationSettings settings)
    {
        var (engine, operations) = PrometheusRulesFile.Translate(settings);
        var text = new StringBuilder();
        text.Append("Wrote ").Append(files.Count).Append(" files:\n");
        foreach (var file in files) text.Append("  ").Append(file).Append('\n');
        var alerts = engine.Select(static t => t.Alert).OfType<PrometheusAlert>().Concat(operations).ToList();
        text.Append("Alerts (").Append(alerts.Count).Append("):\n");
        foreach (var alert in alerts) text.Append("  ").Append(alert.Name).Append(": ").Append(alert.Expression).Append('\n');
        var skipped = engine.Where(static t => t.Alert is null).ToList();
        if (skipped.Count > 0)
        {
            text.Append("Not translated (").Append(skipped.Count).Append("):\n");
            foreach (var t in skipped) text.Append("  ").Append(t.RuleName).Append(": ").Append(t.Skipped).Append('\n');
        }

        var panels = DashboardPanels.All(GenerationSettings.Job);
        text.Append("Dashboard panels (").Append(panels.Count).Append("): ").AppendJoin(", ", panels.Select(static p => p.Title)).Append('\n');
        return text.ToString();
    }
}
