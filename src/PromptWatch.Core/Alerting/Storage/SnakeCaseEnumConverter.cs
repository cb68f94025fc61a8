using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptWatch.Alerting.Storage;

/// <summary>Writes and reads <typeparamref name="TEnum"/> as its snake_case name (<c>auto_resolved</c>); numbers are refused.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
