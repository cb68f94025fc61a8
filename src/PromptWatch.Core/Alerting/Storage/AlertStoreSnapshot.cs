namespace PromptWatch.Alerting.Storage;

/// <summary>
/// What <see cref="FileAlertStore"/> writes to its snapshot file: the format's version, the rules, the alerts and the
/// silences (history is a file of its own).
/// </summary>
/// <param name="Format">The file format's version: <see cref="CurrentFormat"/>.</param>
/// <param name="Rules">The rules, by name.</param>
/// <param name="Alerts">The alerts.</param>
/// <param name="Silences">The silences.</param>
internal sealed record AlertStoreSnapshot(int Format, IReadOnlyList<AlertRule> Rules, IReadOnlyList<Alert> Alerts, IReadOnlyList<Silence> Silences)
{
    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentFormat = 1;
}
