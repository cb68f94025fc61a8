namespace PromptWatch.Cli.Tests;

/// <summary>
/// Tests that set process-wide environment variables the server composition reads (<c>S3_ENDPOINT</c>...) and tests that
/// run that composition in this process run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessEnvironmentTests
{
    public const string Name = "process environment";
}
