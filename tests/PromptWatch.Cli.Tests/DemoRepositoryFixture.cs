using PromptWatch.Demo;

namespace PromptWatch.Cli.Tests;

/// <summary>One demo repository shared by the tests of a class.</summary>
public sealed class DemoRepositoryFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public DemoRepositoryFixture()
    {
        Path = DemoRepository.Create(_folder.Combine("demo"));
    }

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}
