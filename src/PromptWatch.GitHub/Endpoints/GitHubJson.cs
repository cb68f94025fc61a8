using System.Text.Json;

namespace PromptWatch.GitHub.Endpoints;

/// <summary>snake_case, like the rest of the PromptWatch API.</summary>
internal static class GitHubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null };
}
