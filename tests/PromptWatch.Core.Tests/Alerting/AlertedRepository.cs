using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// A real repository watched by a host with a real result folder, alerting and a fake clock, for the tests of the
/// events the monitor raises from its timeline (<c>unevaluated_prod_change</c>, <c>score_regression</c>).
/// </summary>
internal sealed class AlertedRepository : IDisposable
{
    /// <summary>The fake clock's start.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The watched repository.</summary>
    public TestRepository Repository { get; } = TestRepository.Create();

    /// <summary>The result folder the host reads reports and score files from.</summary>
    public TemporaryFolder Results { get; } = new();

    /// <summary>The host's clock.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Builds the host (not started: refreshes are the test's) with the alert engine's workers running.</summary>
    public IHost CreateHost(out AlertEngine engine, out PromptWatchMonitor monitor)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Repositories:0:Name"] = "prompts",
            ["PromptWatch:Repositories:0:Location"] = Repository.Path,
            ["PromptWatch:Repositories:0:FetchLocal"] = "false",
        });
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddPromptWatch().AddLocalFolderResults(Results.Path).AddAlerting();
        var host = builder.Build();
        engine = (AlertEngine)host.Services.GetRequiredService<IAlertManager>();
        engine.StartWorkers();
        monitor = host.Services.GetRequiredService<PromptWatchMonitor>();
        return host;
    }

    /// <summary>Writes one use case into a watched file (replacing its block, keeping the others) and commits at <paramref name="when"/>; returns the commit's sha.</summary>
    public string Commit(string file, string useCase, string model, DateTimeOffset when)
    {
        var path = Path.Combine(Repository.Path, file);
        var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var at = lines.FindIndex(l => l == useCase + ":");
        if (at >= 0) lines.RemoveRange(at, 3);
        lines.AddRange([useCase + ":", $"  model: {model}", "  prompt: Summarize."]);
        Repository.WriteFile(file, string.Join('\n', lines) + "\n");
        Repository.Commit($"{useCase}: {model}", GitSignature.At(when));
        return Repository.Git("rev-parse", "HEAD").Trim();
    }

    public void Dispose()
    {
        Results.Dispose();
        Repository.Dispose();
    }
}
