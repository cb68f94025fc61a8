using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PromptWatch.Diagnostics;

namespace PromptWatch.AspNetCore.Correlation;

/// <summary>
/// Runs each request in a log scope with its correlation id (the valid <c>X-Correlation-ID</c> it came with, or a
/// new one) and the trace id, and echoes the id in the response's <c>X-Correlation-ID</c> header.
/// </summary>
internal sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var scope = OperationScope.Create(context.Request.Headers[OperationScope.HeaderName].ToString());
        context.Response.Headers[OperationScope.HeaderName] = scope.CorrelationId;
        using (logger.BeginScope(scope))
        {
            await next(context).ConfigureAwait(false);
        }
    }
}
