namespace PromptWatch.Cli.Generation;

/// <summary>One file of the monitoring folder: its path relative to the folder (with <c>/</c>) and its text.</summary>
internal sealed record GeneratedFile(string Path, string Content);
