using System.Text;
using System.Text.Json;

namespace PromptWatch.Cli.Generation;

/// <summary>The Grafana dashboard JSON: a row per section, panels on a 24-column grid, every query on the provisioned Prometheus data source.</summary>
internal static class GrafanaDashboard
{
    public const string DataSourceUid = "prometheus";

    public static string Write(IReadOnlyList<DashboardPanel> panels)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("uid", GenerationSettings.DashboardUid);
            writer.WriteString("title", "PromptWatch");
            writer.WriteStartArray("tags");
            writer.WriteStringValue("promptwatch");
            writer.WriteEndArray();
            writer.WriteNumber("schemaVersion", 39);
            writer.WriteNumber("version", 1);
            writer.WriteBoolean("editable", true);
            writer.WriteString("refresh", "30s");
            writer.WriteStartObject("time");
            writer.WriteString("from", "now-6h");
            writer.WriteString("to", "now");
            writer.WriteEndObject();
            writer.WriteStartArray("panels");
            var id = 1;
            var y = 0;
            foreach (var row in panels.GroupBy(static p => p.Row))
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", id++);
                writer.WriteString("type", "row");
                writer.WriteString("title", row.Key);
                writer.WriteBoolean("collapsed", false);
                GridPosition(writer, 0, y, 24, 1);
                writer.WriteStartArray("panels");
                writer.WriteEndArray();
                writer.WriteEndObject();
                y++;
                var column = 0;
                foreach (var panel in row)
                {
                    Panel(writer, panel, id++, column * 8, y);
                    column++;
                    if (column == 3)
                    {
                        column = 0;
                        y += 8;
                    }
                }

                if (column != 0) y += 8;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Panel(Utf8JsonWriter writer, DashboardPanel panel, int id, int x, int y)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", id);
        writer.WriteString("type", panel.Kind);
        writer.WriteString("title", panel.Title);
        GridPosition(writer, x, y, 8, 8);
        DataSource(writer);
        writer.WriteStartObject("fieldConfig");
        writer.WriteStartObject("defaults");
        writer.WriteString("unit", panel.Unit);
        writer.WriteEndObject();
        writer.WriteStartArray("overrides");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("targets");
        for (var i = 0; i < panel.Queries.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("refId", ((char)('A' + i)).ToString());
            DataSource(writer);
            writer.WriteString("expr", panel.Queries[i].Expression);
            writer.WriteString("legendFormat", panel.Queries[i].Legend);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void DataSource(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("datasource");
        writer.WriteString("type", "prometheus");
        writer.WriteString("uid", DataSourceUid);
        writer.WriteEndObject();
    }

    private static void GridPosition(Utf8JsonWriter writer, int x, int y, int w, int h)
    {
        writer.WriteStartObject("gridPos");
        writer.WriteNumber("x", x);
        writer.WriteNumber("y", y);
        writer.WriteNumber("w", w);
        writer.WriteNumber("h", h);
        writer.WriteEndObject();
    }
}
