using System.Text.Json;

namespace PromptWatch.Cli.Remote;

/// <summary>Reads optional members of a host's JSON answers: a missing member or one of another type is <see langword="null"/>.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
