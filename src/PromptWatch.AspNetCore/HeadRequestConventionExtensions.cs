using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Makes <c>GET</c> endpoints answer <c>HEAD</c> too, as HTTP asks of a server (probes and <c>curl -I</c> use it):
/// the same status and headers, and no body (Kestrel sends none of what a handler writes in answer to <c>HEAD</c>).
/// <c>MapPromptWatch()</c> applies it to its routes; hosts apply it to theirs, for example <c>app.MapOpenApi().AnswerHeadToGet()</c>.
/// </summary>
public static class HeadRequestConventionExtensions
{
    /// <summary>Adds <c>HEAD</c> to the methods of every endpoint of <paramref name="builder"/> that answers <c>GET</c>.</summary>
    /// <typeparam name="TBuilder">The kind of builder.</typeparam>
    /// <param name="builder">A group or an endpoint.</param>
    /// <returns>The builder.</returns>
    public static TBuilder AnswerHeadToGet<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Finally: after every other convention, so that the methods the endpoint ends up with are the ones seen.
        builder.Finally(static endpoint =>
        {
            for (var i = 0; i < endpoint.Metadata.Count; i++)
            {
                if (endpoint.Metadata[i] is HttpMethodMetadata methods
                    && methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                    && !methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
                {
                    endpoint.Metadata[i] = new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight);
                }
            }
        });
        return builder;
    }
}
