namespace PromptWatch.Cli.Tests;

/// <summary>Tests that read or set the process-wide password variable run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PasswordVariableTests
{
    public const string Name = "password variable";
}
