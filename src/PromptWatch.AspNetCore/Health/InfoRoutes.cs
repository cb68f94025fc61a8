using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace PromptWatch.AspNetCore.Health;

/// <summary><c>/info</c> (name, version, commit, start time, uptime, runtime, configured features) and <c>/status</c> (one word).</summary>
internal static class InfoRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, TimeProvider time)
    {
        var started = time.GetUtcNow();
        endpoints.MapGet("/info", (HttpContext context) => HealthStatusRoutes.WriteJsonAsync(context, writer =>
        {
            var services = context.RequestServices;
            var assembly = Assembly.GetEntryAssembly() ?? typeof(InfoRoutes).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
            writer.WriteStartObject();
            writer.WriteString("name", services.GetService<IHostEnvironment>()?.ApplicationName ?? assembly.GetName().Name);
            writer.WriteString("version", plus < 0 ? informational ?? assembly.GetName().Version?.ToString() : informational![..plus]);
            if (plus < 0) writer.WriteNull("commit");
            else writer.WriteString("commit", informational![(plus + 1)..]);
            writer.WriteString("started", started);
            writer.WriteNumber("uptime_seconds", Math.Round((time.GetUtcNow() - started).TotalSeconds, 3));
            writer.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            writer.WriteString("os", RuntimeInformation.OSDescription);
            writer.WritePropertyName("features");
            System.Text.Json.JsonSerializer.Serialize(writer, ConfiguredFeatures.Read(services).ToData());
            writer.WriteEndObject();
        })).AnswerHeadToGet();
        endpoints.MapGet("/status", async (HttpContext context, HealthCheckService checks) =>
        {
            var report = await checks.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(report.Status.ToString(), context.RequestAborted).ConfigureAwait(false);
        }).AnswerHeadToGet();
    }
}
