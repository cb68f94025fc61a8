using Microsoft.Extensions.Logging.Testing;

namespace PromptWatch.Tests.Support;

/// <summary>Everything a <see cref="FakeLogCollector"/> holds as one text, to check that something (a secret) was never logged.</summary>
public static class FakeLogText
{
    /// <summary>Each record's level, category, formatted message and exception (with its stack), one record a line.</summary>
    public static string AllText(this FakeLogCollector logs) =>
        string.Join('\n', logs.GetSnapshot().Select(static r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}"));
}
