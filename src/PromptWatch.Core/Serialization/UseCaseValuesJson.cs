using System.Text.Json;
using PromptWatch.Model;

namespace PromptWatch.Serialization;

/// <summary>Writes <c>values</c>: every field of a use case's settings with its value as text, or null when there are none.</summary>
internal static class UseCaseValuesJson
{
    private static readonly string[] StandardFields =
    [
        UseCaseState.Fields.Model, UseCaseState.Fields.Prompt, UseCaseState.Fields.Enabled, UseCaseState.Fields.Temperature,
        UseCaseState.Fields.TopK, UseCaseState.Fields.TopP, UseCaseState.Fields.MaxTokens,
    ];

    public static void Write(Utf8JsonWriter writer, UseCaseState? state)
    {
        if (state is null)
        {
            writer.WriteNull("values");
            return;
        }

        writer.WriteStartObject("values");
        foreach (var field in StandardFields.Concat(state.Extras.Keys.Select(static k => UseCaseState.Fields.ExtrasPrefix + k)))
        {
            writer.WriteString(field, state.FormatField(field));
        }

        writer.WriteEndObject();
    }
}
