using System.Collections.Immutable;
using System.Text.Json;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Tests.Serialization;

/// <summary>Entries built directly from the model records, and their JSON read back.</summary>
public static class ChangeEntries
{
    /// <summary>The commit of every entry here.</summary>
    public static readonly CommitInfo Commit = new(
        "0123456789abcdef0123456789abcdef01234567",
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1)),
        "Use a newer model\n\nLonger text.",
        "Test Author",
        "author@example.com");

    /// <summary>The commit of the previous entry.</summary>
    public const string PreviousSha = "fedcba9876543210fedcba9876543210fedcba98";

    /// <summary>The first state of the use case.</summary>
    public static readonly UseCaseState First = new(
        "gpt-4o", "Summarize.\nBe brief.", true, 0.2, null, 0.9, 512, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("region", "eu")]));

    /// <summary>The state after a change of model and temperature.</summary>
    public static readonly UseCaseState Second = First with { Model = "gpt-4.1", Temperature = 0.7 };

    /// <summary>An entry of <paramref name="kind"/> for the use case <c>summarize</c> in <c>prod</c>.</summary>
    public static ChangeEntry Entry(ChangeKind kind, UseCaseState? state, ImmutableArray<string> changedFields, UseCaseState? previous, string? previousSha, ConfigError? error = null, string? useCase = "summarize") =>
        new(kind, "prod", useCase, state, Commit, "chart/values-prod.yaml", changedFields, previous, previousSha, error, IsLatest: kind != ChangeKind.Error);

    /// <summary>Writes <paramref name="entry"/> and parses the JSON back.</summary>
    public static JsonDocument ToJson(ChangeEntry entry, bool includeDiff = true, Action<Utf8JsonWriter, ChangeEntry>? writeMore = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ChangeEntryJson.Write(writer, entry, includeDiff, writeMore);
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>The property names of an object, in order.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(static p => p.Name)];
}
