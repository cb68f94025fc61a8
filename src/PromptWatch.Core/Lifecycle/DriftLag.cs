namespace PromptWatch.Lifecycle;

/// <summary>How far the side whose current version is older lags behind the other.</summary>
/// <param name="Environment">The environment that lags.</param>
/// <param name="Changes">How many changes of the use case the other environment has had since the lagging side's current version.</param>
/// <param name="Since">When the first of those changes was committed.</param>
public sealed record DriftLag(string Environment, int Changes, DateTimeOffset Since);
