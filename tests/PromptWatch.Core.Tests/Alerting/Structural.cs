using System.Collections;
using System.Reflection;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// Compares records by their public properties, deeply (collections by content, times with their offset), so that a
/// property a store loses fails with its path; and checks that a sample sets every property.
/// </summary>
public static class Structural
{
    /// <summary>Asserts that <paramref name="actual"/> has the same public property values as <paramref name="expected"/>, deeply.</summary>
    public static void Equal(object? expected, object? actual, string path = "value")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        switch (expected)
        {
            case DateTimeOffset time:
                Assert.True(time == (DateTimeOffset)actual && time.Offset == ((DateTimeOffset)actual).Offset, $"{path}: expected {time:O}, got {actual:O}");
                return;
            case string or Uri or Enum or TimeSpan or bool or int or long or double or decimal:
                Assert.True(Equals(expected, actual), $"{path}: expected {expected}, got {actual}");
                return;
            case IDictionary dictionary:
                var other = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.True(dictionary.Count == other.Count, $"{path}: expected {dictionary.Count} entries, got {other.Count}");
                foreach (DictionaryEntry entry in dictionary)
                {
                    Assert.True(other.Contains(entry.Key), $"{path}: missing key {entry.Key}");
                    Equal(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                }

                return;
            case IEnumerable sequence:
                var left = sequence.Cast<object?>().ToList();
                var right = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}");
                for (var i = 0; i < left.Count; i++) Equal(left[i], right[i], $"{path}[{i}]");
                return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var property in Properties(expected.GetType())) Equal(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
    }

    /// <summary>Asserts that every public property of <paramref name="value"/> (deeply) holds something other than its default or empty (flags excepted).</summary>
    public static void AllSet(object value, string path = "value", params string[] except)
    {
        foreach (var property in Properties(value.GetType()))
        {
            if (except.Contains(property.Name)) continue;
            var item = property.GetValue(value);
            var where = $"{path}.{property.Name}";
            Assert.True(item is not null, $"{where} is not set");
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // A flag has no "unset" value: the samples set the one its property does not start with.
            if (type == typeof(bool)) continue;
            if (type.IsValueType) Assert.True(!item.Equals(Activator.CreateInstance(type)), $"{where} holds its default");
            else if (item is string text) Assert.True(text.Length > 0, $"{where} is empty");
            else if (item is IEnumerable sequence) Assert.True(sequence.Cast<object>().Any(), $"{where} is empty");
            else if (item is not Uri) AllSet(item, where);
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.GetIndexParameters().Length == 0);
}
