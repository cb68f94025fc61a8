using System.Text.Json;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>
/// Reads the typed value of one field of a request's JSON, or throws <see cref="AlertValidationException"/> naming the
/// field by its path (<c>metric.threshold</c>, <c>matchers[0].name</c>) and saying what was expected.
/// </summary>
internal static class JsonField
{
    /// <summary>The object's properties, refusing any name not in <paramref name="known"/> and a property given twice.</summary>
    public static Dictionary<string, JsonElement> Object(JsonElement element, string path, IReadOnlyCollection<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid(path.Length == 0 ? "body" : path, $"{Name(path)} must be a JSON object.");
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var field = Join(path, property.Name);
            if (!known.Contains(property.Name)) throw Invalid(field, $"'{field}' is not a field here. Known fields: {string.Join(", ", known)}.");
            if (!properties.TryAdd(property.Name, property.Value)) throw Invalid(field, $"'{field}' is given twice.");
        }

        return properties;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Item(string path, int index) => $"{path}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    /// <summary>The field's value when present and not null.</summary>
    public static bool TryGet(Dictionary<string, JsonElement> properties, string name, out JsonElement value) =>
        properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static string String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String) throw Invalid(path, $"{Name(path)} must be a string.");
        return element.GetString()!;
    }

    public static string RequiredString(Dictionary<string, JsonElement> properties, string path, string name)
    {
        var field = Join(path, name);
        if (!TryGet(properties, name, out var value)) throw Invalid(field, $"{Name(field)} is required.");
        return String(value, field);
    }

    public static string? OptionalString(Dictionary<string, JsonElement> properties, string path, string name) =>
        TryGet(properties, name, out var value) ? String(value, Join(path, name)) : null;

    public static double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Invalid(path, $"{Name(path)} must be a number.");
        }

        return number;
    }

    public static int Integer(JsonElement element, string path, int minimum)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number)) throw Invalid(path, $"{Name(path)} must be a whole number.");
        if (number < minimum) throw Invalid(path, $"{Name(path)} must be at least {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        return number;
    }

    public static bool Boolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(path, $"{Name(path)} must be true or false."),
    };

    /// <summary>A positive number of seconds that a <see cref="TimeSpan"/> can hold.</summary>
    public static TimeSpan Seconds(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            throw Invalid(path, $"{Name(path)} must be a number of seconds.");
        }

        if (seconds <= 0 || seconds >= TimeSpan.MaxValue.TotalSeconds) throw Invalid(path, $"{Name(path)} must be a positive number of seconds, not {element.GetRawText()}.");
        return TimeSpan.FromSeconds(seconds);
    }

    public static DateTimeOffset Time(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String || !element.TryGetDateTimeOffset(out var time)) throw Invalid(path, $"{Name(path)} must be a date and time in ISO 8601 (2026-05-01T12:00:00Z).");
        return time;
    }

    /// <summary>A value of <typeparamref name="TEnum"/> by its snake_case name, as the API writes it.</summary>
    public static TEnum Enum<TEnum>(JsonElement element, string path)
        where TEnum : struct, System.Enum
    {
        var text = String(element, path);
        return AlertJsonNames.TryParse<TEnum>(text, out var value)
            ? value
            : throw Invalid(path, $"{Name(path)} must be one of {string.Join(", ", AlertJsonNames.All<TEnum>())}, not '{text}'.");
    }

    public static IReadOnlyList<string> Strings(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Invalid(path, $"{Name(path)} must be an array of strings.");
        var values = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray()) values.Add(String(item, Item(path, index++)));
        return values;
    }

    public static IReadOnlyDictionary<string, string> StringMap(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid(path, $"{Name(path)} must be an object of strings.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var field = Join(path, property.Name);
            if (!map.TryAdd(property.Name, String(property.Value, field))) throw Invalid(field, $"'{field}' is given twice.");
        }

        return map;
    }

    public static AlertValidationException Invalid(string field, string message) => new(field, message);

    private static string Name(string path) => path.Length == 0 ? "The body" : $"'{path}'";
}
