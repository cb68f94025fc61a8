using System.Text.Json;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>Reads a problem details body strictly: a key that occurs twice is an error, not the last one winning.</summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static JsonDocument Parse(string body) => JsonDocument.Parse(body, Strict);
}
