using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Octokit.Webhooks;

namespace PromptWatch.GitHub.Events;

/// <summary>
/// Reads a webhook body into the Octokit.Webhooks event of its <c>X-GitHub-Event</c> name, with the library's model
/// and converters. The receiver calls it before queueing, so a body it cannot read is refused (400) at once.
/// </summary>
internal static class GitHubPayloadReader
{
    private const int MaxActionLength = 64;

    /// <summary>
    /// The library's model and converters, except that a member the body leaves out reads as <see langword="null"/>
    /// (or its default) even where the model marks it required: GitHub omits fields (older servers never send some),
    /// and such a delivery is still counted from what it has. The type of every field that is present is checked.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The typed event, or none: for an event without a method, and for an action Octokit.Webhooks does not know.</summary>
    /// <param name="eventName">The <c>X-GitHub-Event</c> name.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>The event, and the unknown action (see <see cref="GitHubDelivery.UnknownAction"/>) when there is one.</returns>
    /// <exception cref="JsonException">The body is not JSON, not a JSON object, or a field of the event has the wrong type or format.</exception>
    public static (WebhookEvent? Payload, string? UnknownAction) Read(string eventName, ReadOnlyMemory<byte> body)
    {
        if (!HandledEvents.TryGet(eventName, out var handled))
        {
            EnsureObject(body);
            return (null, null);
        }

        if (body.Span.TrimStart(" \t\r\n"u8) is not [(byte)'{', ..]) throw new JsonException("The body is not a JSON object.");
        if (handled.Actions is { } actions)
        {
            var action = PeekAction(body.Span);
            if (action is null || !actions.Contains(action))
            {
                // Octokit.Webhooks has no type for this action: the delivery counts as other, and the body only has to be a JSON object.
                EnsureObject(body);
                return (null, action is { Length: <= MaxActionLength } && action.All(IsNameCharacter) ? action : string.Empty);
            }
        }

        try
        {
            return ((WebhookEvent?)JsonSerializer.Deserialize(body.Span, handled.Type, Options) ?? throw new JsonException("The body is not a JSON object."), null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // The library's converters (dates, for one) throw these for a value of the right JSON type but the wrong format.
            throw new JsonException("A field of the body has the wrong format.", e);
        }
    }

    /// <summary>The root object's first <c>action</c>, as the library's converter finds it; <see langword="null"/> when there is none.</summary>
    private static string? PeekAction(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAction = reader.ValueTextEquals("action"u8);
            reader.Read();
            if (isAction)
            {
                return reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException("The action is not a string."),
                };
            }

            reader.Skip();
        }

        return null;
    }

    private static void EnsureObject(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The body is not a JSON object.");
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            MaxDepth = 64,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AllowMissingMembers } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void AllowMissingMembers(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties) property.IsRequired = false;
    }
}
