namespace PromptWatch.Server;

/// <summary>
/// Cross-origin access to the API groups for dashboards served elsewhere: the origins of <c>Sample:AllowedOrigins</c>,
/// where <see cref="FlatSettings"/> puts <c>ALLOWED_ORIGINS</c> (comma-separated). Off without any origin.
/// </summary>
internal static class SampleCors
{
    public const string Policy = "PromptWatchApi";

    public static string[] Origins(IConfiguration configuration) =>
        (configuration["Sample:AllowedOrigins"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void AddServices(WebApplicationBuilder builder)
    {
        var origins = Origins(builder.Configuration);
        if (origins.Length == 0) return;
        builder.Services.AddCors(options => options.AddPolicy(Policy, policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .WithMethods("GET", "HEAD", "POST")
            .WithExposedHeaders("ETag", "Content-Encoding")));
    }

    /// <summary>Applies the policy to <paramref name="groups"/> when origins are set.</summary>
    public static void Apply(WebApplication app, params IEndpointConventionBuilder[] groups)
    {
        if (Origins(app.Configuration).Length == 0) return;
        foreach (var group in groups) group.RequireCors(Policy);
    }
}
