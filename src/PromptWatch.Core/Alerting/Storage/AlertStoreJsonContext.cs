using System.Text.Json.Serialization;

namespace PromptWatch.Alerting.Storage;

/// <summary>
/// The JSON of the alerting records as the stores keep them (the file store's snapshot and history lines, the Redis
/// store's values), source-generated: snake_case property names (<c>auto_resolve_after</c>), enum values as snake_case
/// strings (<c>auto_resolved</c>), times as ISO 8601 with their offset, durations as seconds (a number, fractions
/// allowed), null properties left out. Reading refuses null where the records allow none and a missing <c>required</c> member; a missing parameter of a positional record (a null one is left out) reads as its default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    Converters =
    [
        typeof(SecondsConverter),
        typeof(SnakeCaseEnumConverter<AlertSeverity>),
        typeof(SnakeCaseEnumConverter<AlertState>),
        typeof(SnakeCaseEnumConverter<AlertComparison>),
        typeof(SnakeCaseEnumConverter<MetricAggregation>),
        typeof(SnakeCaseEnumConverter<AlertResolutionReason>),
        typeof(SnakeCaseEnumConverter<AlertHistoryKind>),
    ])]
[JsonSerializable(typeof(AlertStoreSnapshot))]
[JsonSerializable(typeof(AlertRule))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(AlertHistoryEntry))]
internal sealed partial class AlertStoreJsonContext : JsonSerializerContext;
