using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// <c>/health/detailed</c>'s response: the report as <see cref="HealthReportJson"/> writes it, the checks' entries
/// followed by those of every <see cref="IHealthReportContributor"/>.
/// </summary>
internal static class HealthReportResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var contributed = await ContributedAsync(context.RequestServices, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        HealthReportJson.Write(buffer, report, contributed, HealthCheckTimeouts.Of(context.RequestServices));
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The entries of every <see cref="IHealthReportContributor"/>, in registration order; they do not change the overall status.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> ContributedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var contributed = new List<KeyValuePair<string, HealthReportEntry>>();
        foreach (var contributor in services.GetServices<IHealthReportContributor>())
        {
            contributed.AddRange(await contributor.GetEntriesAsync(cancellationToken).ConfigureAwait(false));
        }

        return contributed;
    }
}
