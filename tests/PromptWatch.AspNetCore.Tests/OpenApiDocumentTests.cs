using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> as a client generator reads it: a valid document whose routes describe the query parameters
/// they accept (the very list that refuses the others), the JSON bodies they answer and the security of protected routes.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private const string JwtKey = "an-openapi-test-key-of-at-least-32-bytes";
    private readonly WatchedRepository _repository = new();
    private readonly PromptWatch.Tests.Support.TemporaryFolder _results = new();

    public OpenApiDocumentTests()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nKeep numbers exact.", message: "summarize: keep numbers exact");
    }

    [Fact]
    public async Task The_document_is_valid_and_each_route_describes_exactly_the_query_parameters_it_accepts()
    {
        using var host = Host(protectedRoutes: true);
        using var client = await host.StartAsync();
        var (document, _) = await ReadAsync(client);

        var routes = host.Services.GetServices<EndpointDataSource>().SelectMany(static s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(static e => e.Metadata.GetMetadata<AcceptedQuery>() is not null && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();
        // api/changes, api/drift, api/compare, a use case's history and its scores, api/refresh, api/performance, both report
        // routes (the results folder maps them), api/alerts, api/alerts/history and api/v1/notifications/history.
        Assert.Equal(12, routes.Count);
        foreach (var route in routes)
        {
            var path = "/" + route.RoutePattern.RawText!.TrimStart('/');
            // GET routes answer HEAD too; the document describes the GET.
            var methods = route.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods;
            var method = methods.Contains("GET") ? "GET" : Assert.Single(methods);
            var operation = document.Paths[path].Operations![HttpMethod.Parse(method)];
            var described = (operation.Parameters ?? []).Where(static p => p.In == ParameterLocation.Query).ToList();
            var accepted = route.Metadata.GetRequiredMetadata<AcceptedQuery>().Parameters;
            Assert.Equal(accepted.Select(static p => p.Name), described.Select(static p => p.Name!));
            foreach (var parameter in described)
            {
                var expected = accepted.Single(p => p.Name == parameter.Name);
                Assert.Equal(expected.Description, parameter.Description);
                Assert.Equal(expected.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String, parameter.Schema!.Type!.Value & ~JsonSchemaType.Null);
            }
        }

        var status = document.Paths["/api/changes"].Operations![HttpMethod.Get].Parameters!.Single(static p => p.Name == "status");
        Assert.Equal(["enabled", "disabled", "all"], status.Schema!.Enum!.Select(static v => v.GetValue<string>()));
    }

    [Fact]
    public async Task Response_schemas_name_every_field_the_routes_answer()
    {
        using var host = Host(protectedRoutes: false);
        using var client = await host.StartAsync();
        var (document, json) = await ReadAsync(client);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");

        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        using var page = await ChangesApiTests.GetJsonAsync(client, "api/changes?limit=1");
        using var useCases = await ChangesApiTests.GetJsonAsync(client, "api/usecases");
        using var repositories = await ChangesApiTests.GetJsonAsync(client, "api/repositories");
        using var diffed = await ChangesApiTests.GetJsonAsync(client, "api/changes/" + changes.RootElement[0].GetProperty("commit_sha").GetString() + "/test/summarize");
        AssertSameFields(schemas, "Change", changes.RootElement[0]);
        AssertSameFields(schemas, "Change", diffed.RootElement);
        AssertSameFields(schemas, "ChangesPage", page.RootElement);
        // deployed is written while the pipeline monitor is registered (not in this host): the schema lists it all the same.
        AssertSameFields(schemas, "UseCaseSummary", useCases.RootElement[0], except: "deployed");
        Assert.False(useCases.RootElement[0].TryGetProperty("deployed", out _));
        Assert.Equal(["at", "deployed_sha", "deployment_id", "environment", "repository", "run", "sha"], Fields(schemas, "UseCaseDeployment"));
        Assert.Equal(["id", "url"], Fields(schemas, "DeploymentRun"));
        AssertSameFields(schemas, "RepositoryState", repositories.RootElement[0]);
        var row = diffed.RootElement.GetProperty("diff").EnumerateArray().First(static r => r.GetProperty("kind").GetString() == "inserted");
        foreach (var field in row.EnumerateObject()) Assert.True(schemas.GetProperty("DiffRow").GetProperty("properties").TryGetProperty(field.Name, out _), "DiffRow." + field.Name);

        // The timeline is an array of changes or a page; the other routes name their schema; errors are problem details.
        var timeline = document.Paths["/api/changes"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal(2, timeline.OneOf!.Count);
        Assert.Equal("Change", ((OpenApiSchemaReference)timeline.OneOf[0].Items!).Reference.Id);
        Assert.Equal("ChangesPage", ((OpenApiSchemaReference)timeline.OneOf[1]).Reference.Id);
        Assert.Equal("UseCaseSummary", ((OpenApiSchemaReference)document.Paths["/api/usecases"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!.Items!).Reference.Id);
        Assert.Equal("RepositoryState", ((OpenApiSchemaReference)document.Paths["/api/repositories"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!.Items!).Reference.Id);
        Assert.Equal("RefreshAnswer", ((OpenApiSchemaReference)document.Paths["/api/refresh"].Operations![HttpMethod.Post].Responses!["200"].Content!["application/json"].Schema!).Reference.Id);
        var problem = document.Paths["/api/changes"].Operations![HttpMethod.Get].Responses!["400"].Content!["application/problem+json"].Schema!;
        Assert.Equal("ProblemDetails", ((OpenApiSchemaReference)problem).Reference.Id);
    }

    [Fact]
    public async Task Protected_routes_require_the_bearer_scheme_and_open_ones_nothing()
    {
        using var host = Host(protectedRoutes: true);
        using var client = await host.StartAsync();
        var (document, _) = await ReadAsync(client);

        var bearer = document.Components!.SecuritySchemes!["Bearer"];
        Assert.Equal(SecuritySchemeType.Http, bearer.Type);
        Assert.Equal("bearer", bearer.Scheme);
        var activity = document.Paths["/api/monitor/dashboard"].Operations![HttpMethod.Get];
        var requirement = Assert.Single(activity.Security!);
        Assert.Equal("Bearer", Assert.Single(requirement.Keys).Reference.Id);
        Assert.True(activity.Responses!.ContainsKey("401"));
        Assert.Empty(document.Paths["/api/changes"].Operations![HttpMethod.Get].Security ?? []);
        // The alert routes are protected as the admin group is.
        foreach (var (path, method) in new[] { ("/api/alerts", HttpMethod.Get), ("/api/alerts/{id}/acknowledge", HttpMethod.Post), ("/api/v1/notifications/rules", HttpMethod.Post) })
        {
            Assert.Equal("Bearer", Assert.Single(Assert.Single(document.Paths[path].Operations![method].Security!).Keys).Reference.Id);
        }

        using var open = Host(protectedRoutes: false);
        using var openClient = await open.StartAsync();
        var (openDocument, _) = await ReadAsync(openClient);
        Assert.Empty(openDocument.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>());
    }

    [Fact]
    public async Task Each_route_is_described_once_as_its_GET_although_it_answers_HEAD_too()
    {
        using var host = Host(protectedRoutes: true);
        using var client = await host.StartAsync();
        var (document, _) = await ReadAsync(client);

        var withHead = document.Paths.Where(static p => p.Value.Operations?.ContainsKey(HttpMethod.Head) == true).Select(static p => p.Key).ToList();
        Assert.Empty(withHead);
        Assert.Contains(HttpMethod.Get, document.Paths["/api/changes"].Operations!.Keys);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("api/changes", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task With_browser_sign_in_protected_routes_also_accept_the_providers_session()
    {
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path, settings: new Dictionary<string, string>
        {
            ["GITHUB_WEBHOOK_SECRET"] = "openapi-test-secret",
            ["JWT_SECRET_KEY"] = JwtKey,
            ["OIDC_AUTHORITY"] = "http://127.0.0.1:9/realms/team",
            ["OIDC_CLIENT_ID"] = "promptwatch",
            ["OIDC_CLIENT_SECRET"] = "an-openapi-test-client-secret",
        });
        using var client = await host.StartAsync();
        var (document, json) = await ReadAsync(client);

        var session = document.Components!.SecuritySchemes!["SignInSession"];
        Assert.Equal(SecuritySchemeType.OpenIdConnect, session.Type);
        Assert.Equal(new Uri("http://127.0.0.1:9/realms/team/.well-known/openid-configuration"), session.OpenIdConnectUrl);
        var activity = document.Paths["/api/monitor/dashboard"].Operations![HttpMethod.Get];
        Assert.Equal(["Bearer", "SignInSession"], activity.Security!.Select(static r => Assert.Single(r.Keys).Reference.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("an-openapi-test-client-secret", json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private PromptWatchHost Host(bool protectedRoutes) => new(
        _repository.Path,
        resultsDirectory: _results.Path,
        settings: protectedRoutes ? new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = "openapi-test-secret", ["JWT_SECRET_KEY"] = JwtKey } : null);

    /// <summary>The document, read by the OpenAPI reader with no error and validated by its default rules.</summary>
    private static async Task<(OpenApiDocument Document, JsonDocument Json)> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var result = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(result.Diagnostic!.Errors.Select(static e => e.ToString()));
        var document = result.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(static e => e.ToString()));
        return (document, JsonDocument.Parse(text));
    }

    private static void AssertSameFields(JsonElement schemas, string schema, JsonElement body, string? except = null) =>
        Assert.Equal(Fields(schemas, schema).Where(f => f != except), body.EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal));

    private static List<string> Fields(JsonElement schemas, string schema) =>
        [.. schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        _results.Dispose();
        _repository.Dispose();
    }
}
