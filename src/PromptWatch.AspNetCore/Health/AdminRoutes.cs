using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace PromptWatch.AspNetCore.Health;

/// <summary><c>config</c> in the admin group: the effective configuration, every secret redacted (<see cref="ConfigurationRedaction"/>).</summary>
internal static class AdminRoutes
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/config", (HttpContext context, IConfiguration configuration) => HealthStatusRoutes.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            foreach (var (key, value) in configuration.AsEnumerable().Where(static pair => pair.Value is not null).OrderBy(static pair => pair.Key, StringComparer.OrdinalIgnoreCase))
            {
                writer.WriteString(key, ConfigurationRedaction.Redact(key, value));
            }

            writer.WriteEndObject();
        })).AnswerHeadToGet();
}
