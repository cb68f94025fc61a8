using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace PromptWatch.Server;

/// <summary>
/// The sample's API document at <c>/openapi/v1.json</c> and its interactive documentation at <c>/docs</c> (Swagger UI
/// from the package's embedded files: nothing is loaded from elsewhere). The routes describe their own parameters and
/// responses; this adds the security schemes of the protected ones.
/// </summary>
internal static class SampleOpenApi
{
    public const string DocumentUrl = "/openapi/v1.json";
    public const string DocsPrefix = "docs";
    public const string BearerScheme = "Bearer";
    public const string SessionScheme = "SignInSession";

    /// <summary>
    /// The schemes a protected route accepts, by name, as the sign-ins the configuration turns on: a bearer token with
    /// <c>JWT_SECRET_KEY</c>, and the session cookie of a browser signed in through the OpenID Connect provider with
    /// <c>OIDC_AUTHORITY</c> (described as that provider, whose discovery document a client reads).
    /// </summary>
    public static Dictionary<string, OpenApiSecurityScheme> SecuritySchemes(IConfiguration configuration)
    {
        var schemes = new Dictionary<string, OpenApiSecurityScheme>(StringComparer.Ordinal);
        if (GitHubActivity.JwtKey(configuration) is not null)
        {
            schemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An HS256 token signed with JWT_SECRET_KEY; its 'sub' names the user (the workspace it may open), its 'role' claims the roles.",
            };
        }

        if (OidcSettings.Read(configuration) is { } oidc)
        {
            schemes[SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(oidc.Authority.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = $"A browser session: sign in at {SampleSignIn.SignInPath} with the OpenID Connect provider; the session cookie then goes with each request.",
            };
        }

        return schemes;
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        var schemes = SecuritySchemes(builder.Configuration);
        builder.Services.AddOpenApi(options =>
        {
            // GET routes answer HEAD as well (AnswerHeadToGet); the document describes each once, as its GET.
            options.AddDocumentTransformer((document, _, _) =>
            {
                foreach (var path in document.Paths.Values)
                {
                    if (path.Operations is { } operations && operations.ContainsKey(HttpMethod.Get)) operations.Remove(HttpMethod.Head);
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                if (schemes.Count == 0) return Task.CompletedTask;
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                foreach (var (name, scheme) in schemes) document.Components.SecuritySchemes[name] = scheme;
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (schemes.Count == 0 || !context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()) return Task.CompletedTask;
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
                operation.Security ??= [];
                // Any one of the schemes will do: one requirement each.
                foreach (var name in schemes.Keys)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, context.Document)] = [] });
                }

                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid credentials." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The credentials do not allow this." });
                return Task.CompletedTask;
            });
        });
    }

    public static void Map(WebApplication app)
    {
        app.MapOpenApi().AnswerHeadToGet();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = DocsPrefix;
            // Relative to /docs/index.html, so that a path base is kept.
            options.SwaggerEndpoint(".." + DocumentUrl, "PromptWatch");
            options.DocumentTitle = "PromptWatch API";
        });
    }
}
