using System.Diagnostics;
using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.S3.Tests;

/// <summary>Stops the server's gateway, so no other test may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StoppedGatewayGroup
{
    public const string Name = "S3 gateway stopped and started";
}

/// <summary>
/// The whole monitor against the real server: results found, then the S3 gateway stops (results unknown,
/// the store's health Degraded with the reason, the timeline still served), then it returns and results
/// come back without a restart.
/// </summary>
[Collection(StoppedGatewayGroup.Name)]
public sealed class GatewayFaultTests : IDisposable
{
    private readonly string _repositoryPath = Path.Combine(Path.GetTempPath(), "promptwatch-s3-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_stopped_gateway_makes_results_unknown_and_they_return_with_it()
    {
        var sha = CreateRepository();
        await using var bucket = await TestBucket.CreateAsync();
        await bucket.PutAsync($"{sha[..7]}/summarize_results.html", "<html><body>0.93</body></html>");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "repo", Location = _repositoryPath, FetchLocal = false }))
            .AddS3EvaluationResults(o =>
            {
                var server = S3TestServer.Options(bucket.Name);
                o.Endpoint = server.Endpoint;
                o.AccessKey = server.AccessKey;
                o.SecretKey = server.SecretKey;
                o.Bucket = bucket.Name;
                // A stopped gateway refuses connections at once; up, a busy machine's listing must not time out.
                o.Timeout = TimeSpan.FromSeconds(30);
            });
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<PromptWatchMonitor>();
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.True((await monitor.RefreshAsync()).Ok);

        var found = await monitor.RefreshResultsAsync();
        Assert.True(found.Ok);
        Assert.Equal(1, found.UpdatedCount);
        Assert.Equal(EvaluationResultsState.Found, monitor.Current.Timeline.Single().ResultsState);

        Gateway("stop-gateway");
        try
        {
            var failed = await monitor.RefreshResultsAsync();
            Assert.False(failed.Ok);
            var entry = monitor.Current.Timeline.Single();
            Assert.Equal(EvaluationResultsState.Unknown, entry.ResultsState);
            Assert.Empty(entry.Results);
            var report = await health.CheckHealthAsync();
            var results = report.Entries.Single(static e => e.Key.StartsWith("promptwatch:results:", StringComparison.Ordinal)).Value;
            Assert.Equal(HealthStatus.Degraded, results.Status);
            Assert.Contains(new Uri(S3TestServer.Endpoint).Authority, results.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(S3TestServer.SecretKey, results.Description, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Healthy, report.Entries["promptwatch:repo"].Status);
        }
        finally
        {
            Gateway("start-gateway");
        }

        var recovered = await monitor.RefreshResultsAsync();
        Assert.True(recovered.Ok);
        Assert.Equal(EvaluationResultsState.Found, monitor.Current.Timeline.Single().ResultsState);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
    }

    private string CreateRepository()
    {
        Repository.Init(_repositoryPath);
        using var repository = new Repository(_repositoryPath);
        var file = Path.Combine(_repositoryPath, "chart", "values-test.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "summarize:\n  model: gpt-4o-mini\n  prompt: Summarize.\n");
        Commands.Stage(repository, "*");
        var signature = new Signature("Test Author", "author@example.com", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        return repository.Commit("Add summarize", signature, signature).Sha;
    }

    private static void Gateway(string command)
    {
        var state = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_S3_STATE_DIR")
            ?? throw new InvalidOperationException("PROMPTWATCH_TEST_S3_STATE_DIR is not set: run the tests through ./build.sh test, which starts the S3 server.");
        var script = Path.Combine(PromptWatch.AspNetCore.Tests.Support.RepositoryRoot.Path, "scripts", "s3-server.sh");
        using var process = Process.Start(new ProcessStartInfo(script, [command, state]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {output.Result}{error}");
    }

    public void Dispose()
    {
        if (!Directory.Exists(_repositoryPath)) return;
        foreach (var file in Directory.EnumerateFiles(_repositoryPath, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(_repositoryPath, recursive: true);
    }
}
