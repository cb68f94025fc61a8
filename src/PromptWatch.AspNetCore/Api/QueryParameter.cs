namespace PromptWatch.AspNetCore.Api;

/// <summary>One query parameter an API route accepts, as its handler reads it and the API document describes it.</summary>
/// <param name="Name">The parameter's name in the query string.</param>
/// <param name="Type">Its JSON schema type: <c>string</c> or <c>integer</c>.</param>
/// <param name="Description">What it does, for the API document.</param>
/// <param name="Values">The values it allows, or <see langword="null"/> for any.</param>
internal sealed record QueryParameter(string Name, string Type, string Description, IReadOnlyList<string>? Values = null);
