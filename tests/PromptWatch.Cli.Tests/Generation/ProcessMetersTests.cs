namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// Tests whose OpenTelemetry meter provider exports every meter named <c>PromptWatch</c> in this process. A provider
/// listens process-wide, so another test's host (its own <c>PromptWatch</c> meter with the same instruments) would share
/// the exported streams, and its disposal would remove them: these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetersTests
{
    public const string Name = "process meters";
}
