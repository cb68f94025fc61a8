using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>How the pipeline routes write JSON: snake_case names and enum values, nulls kept, UTF-8 as is.</summary>
internal static class PipelineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static async Task<IResult> WriteAsync<T>(HttpContext context, T value, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.Headers.CacheControl = "no-store";
        await JsonResponses.WriteAsync(context, Serialize(value), statusCode).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
