using PromptWatch.AspNetCore.Correlation;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds correlation ids to requests.</summary>
public static class PromptWatchCorrelationExtensions
{
    /// <summary>
    /// Runs every later request in a log scope with <c>CorrelationId</c> and <c>TraceId</c>: the correlation id is
    /// the request's <c>X-Correlation-ID</c> header when it is 1 to 64 visible ASCII characters, else a new id; the
    /// response echoes it in <c>X-Correlation-ID</c>. Call it early, before the middleware whose lines it should mark.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UsePromptWatchCorrelation(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<CorrelationMiddleware>();
    }
}
