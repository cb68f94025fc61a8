namespace PromptWatch.Cli.Generation;

/// <summary>One Grafana panel: its row, title, kind (<c>timeseries</c>, <c>stat</c>), unit and PromQL queries.</summary>
internal sealed record DashboardPanel(string Row, string Title, string Kind, string Unit, IReadOnlyList<PanelQuery> Queries);

/// <summary>One query of a panel and its legend.</summary>
internal sealed record PanelQuery(string Expression, string Legend);
