using Microsoft.Extensions.Logging;

namespace PromptWatch.Alerting.Storage;

/// <summary>The file alert store's log messages.</summary>
internal static partial class FileAlertStoreLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Alert state loaded from {Folder}: {Rules} rules, {Alerts} alerts, {Silences} silences, {History} history entries")]
    public static partial void Loaded(ILogger logger, string folder, int rules, int alerts, int silences, int history);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "The alert state file {File} could not be read ({Reason}); it was moved to {KeptAs} and alerting starts with no rules, alerts or silences of its own")]
    public static partial void SnapshotCorrupt(ILogger logger, string file, string reason, string keptAs);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "The alert history file {File} had {Skipped} unreadable lines (a write cut short); they were left out and the file rewritten")]
    public static partial void HistoryLinesSkipped(ILogger logger, string file, int skipped);

    [LoggerMessage(EventId = 903, Level = LogLevel.Debug, Message = "The alert history file {File} was compacted to its newest {Kept} entries")]
    public static partial void HistoryCompacted(ILogger logger, string file, int kept);

    [LoggerMessage(EventId = 904, Level = LogLevel.Error, Message = "The alert state file {File} could not be written when the store closed ({Reason}); the last batch's changes are not on disk")]
    public static partial void UnwrittenOnClose(ILogger logger, string file, string reason);
}
