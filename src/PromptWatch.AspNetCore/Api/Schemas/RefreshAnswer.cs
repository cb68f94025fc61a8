using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>The answer of <c>POST api/refresh</c>: the timeline's size after the scan and how many changes it added.</summary>
internal sealed record RefreshAnswer(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("new_changes")] int NewChanges);
