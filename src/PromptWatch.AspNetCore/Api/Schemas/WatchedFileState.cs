using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>A watched file at the tip of the last scan, as <c>api/repositories</c> lists it.</summary>
internal sealed record WatchedFileState(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("exists")] bool Exists,
    [property: JsonPropertyName("use_cases")] int UseCases);
