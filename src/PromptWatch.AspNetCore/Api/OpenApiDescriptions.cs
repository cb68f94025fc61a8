using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using PromptWatch.AspNetCore.Api.Schemas;

namespace PromptWatch.AspNetCore.Api;

/// <summary>What the API document says of the routes beyond what their handlers' signatures show.</summary>
internal static class OpenApiDescriptions
{
    /// <summary>Describes the query parameters the route accepts, from the same list that refuses any other.</summary>
    public static RouteHandlerBuilder DescribeQuery(this RouteHandlerBuilder endpoint, AcceptedQuery accepted) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in accepted.Parameters)
            {
                // A parameter of the handler's signature is already there: it gets the description and schema too.
                var existing = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Query && string.Equals(p.Name, parameter.Name, StringComparison.Ordinal));
                if (existing is not null) operation.Parameters.Remove(existing);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = parameter.Description,
                    Schema = SchemaOf(parameter),
                });
            }

            return Task.CompletedTask;
        });

    /// <summary>The name of the page schema in the document's components.</summary>
    public const string PageSchema = "ChangesPage";

    /// <summary>
    /// <c>api/changes</c> answers an array of changes, or a page of them (<see cref="PageSchema"/>) with <c>limit</c> or
    /// <c>cursor</c>: the 200 response is one of the two.
    /// </summary>
    public static RouteHandlerBuilder ProducesChangesOrPage(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<IReadOnlyList<Change>>(StatusCodes.Status200OK, JsonResponses.MediaType)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var response) != true || response!.Content?.TryGetValue(JsonResponses.MediaType, out var content) != true) return Task.CompletedTask;
                var array = content!.Schema!;
                var document = context.Document!;
                document.Components ??= new OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
                document.Components.Schemas.TryAdd(PageSchema, new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "One page of the matching changes, newest first.",
                    Required = new HashSet<string>(StringComparer.Ordinal) { "items", "next_cursor", "total" },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = array.Items },
                        ["next_cursor"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The cursor of the next page; null on the last." },
                        ["total"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "How many changes match, on every page." },
                    },
                });
                content.Schema = new OpenApiSchema
                {
                    Description = "Without limit or cursor: every matching change, newest first. With either: one page of them.",
                    OneOf = [array, new OpenApiSchemaReference(PageSchema, document)],
                };
                return Task.CompletedTask;
            });

    private static OpenApiSchema SchemaOf(QueryParameter parameter)
    {
        var integer = string.Equals(parameter.Type, "integer", StringComparison.Ordinal);
        var schema = new OpenApiSchema
        {
            Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String,
            Format = integer ? "int32" : null,
        };
        if (parameter.Values is { } values) schema.Enum = [.. values.Select(static v => (JsonNode)JsonValue.Create(v.ToString(CultureInfo.InvariantCulture)))];
        return schema;
    }
}
