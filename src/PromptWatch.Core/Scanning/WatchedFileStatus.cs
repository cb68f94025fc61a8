namespace PromptWatch.Scanning;

/// <summary>A watched file at the tip of the scanned branch.</summary>
/// <param name="Path">Its repository-relative path.</param>
/// <param name="Environment">The environment it configures.</param>
/// <param name="Exists">Whether a file of that path exists at the tip.</param>
/// <param name="UseCases">How many use cases it holds at the tip (0 when it does not exist).</param>
public sealed record WatchedFileStatus(string Path, string Environment, bool Exists, int UseCases);
