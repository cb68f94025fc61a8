namespace PromptWatch.Sample.Embedded;

/// <summary>An order of the service's own, in-memory data.</summary>
internal sealed record Order(string Id, string Customer, decimal Total);
