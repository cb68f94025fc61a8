using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>One evaluation report of a change's commit.</summary>
internal sealed record EvaluationLink(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("usecase")] string? UseCase,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("view_url")] string? ViewUrl);
