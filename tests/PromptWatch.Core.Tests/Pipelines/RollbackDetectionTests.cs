using Microsoft.Extensions.Time.Testing;
using PromptWatch.Pipelines;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Pipelines;

/// <summary>Rollbacks decided in a real Git repository (ancestry) and by the rollback patterns.</summary>
public sealed class RollbackDetectionTests : IDisposable
{
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly FakeTimeProvider _time = new(GeneratedPipelineHistory.Now);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task A_deployment_of_an_ancestor_of_the_previous_sha_or_named_a_rollback_is_one()
    {
        var when = GeneratedPipelineHistory.Now.AddDays(-20);
        string Commit(string text, int day)
        {
            _repository.WriteFile("prompt.txt", text);
            return _repository.Commit(text, GitSignature.At(when.AddDays(day)));
        }

        var a = Commit("one", 0);
        var b = Commit("two", 1);
        var c = Commit("three", 2);
        var t = GeneratedPipelineHistory.Now.AddDays(-5);
        var store = new InMemoryPipelineStore(null, _time);
        var deployments = new[]
        {
            PipelineSamples.Deployment(1, t, sha: a),
            PipelineSamples.Deployment(2, t.AddHours(1), sha: c),
            PipelineSamples.Deployment(3, t.AddHours(2), sha: b),                                         // back from c to b: ancestor
            PipelineSamples.Deployment(4, t.AddHours(3), sha: c),                                         // forward again
            PipelineSamples.Deployment(5, t.AddHours(4), sha: c) with { Description = "Revert the new prompt" }, // same sha, named so
            PipelineSamples.Deployment(6, t.AddHours(1), "staging", sha: c),
            PipelineSamples.Deployment(7, t.AddHours(2), "staging", sha: PipelineSamples.Sha(77)),         // unknown to Git: not decided by ancestry
            PipelineSamples.Deployment(8, t.AddHours(3), "staging", sha: a) with { Ref = "rollback/v1" },   // unknown predecessor, named so
        };
        foreach (var deployment in deployments) await store.UpsertDeploymentAsync(deployment, default);
        var ancestry = new GitCommitAncestry(new Dictionary<string, string> { [PipelineSamples.Repository] = _repository.Path });

        var rollbacks = await PipelineAnalyticsTests.Analytics(store, ancestry: ancestry).RollbacksAsync(30, null, default);

        Assert.Equal([5L, 8, 3], rollbacks.Select(r => r.Deployment.Id));
        Assert.Equal(("ancestor", 2L, c), (rollbacks[2].Reason, rollbacks[2].PreviousDeploymentId, rollbacks[2].PreviousSha));
        Assert.Equal("pattern", rollbacks[1].Reason);
        Assert.Equal("pattern", rollbacks[0].Reason);
        Assert.True(await ancestry.IsAncestorAsync(PipelineSamples.Repository, a, c, default));
        Assert.False(await ancestry.IsAncestorAsync(PipelineSamples.Repository, c, a, default));
        Assert.Null(await ancestry.IsAncestorAsync(PipelineSamples.Repository, PipelineSamples.Sha(77), c, default));
        // A single watched repository answers for every name; with two, an unknown name is unknown.
        Assert.True(await ancestry.IsAncestorAsync("someone/else", a, c, default));
        var two = new GitCommitAncestry(new Dictionary<string, string> { [PipelineSamples.Repository] = _repository.Path, ["octo/second"] = _repository.Path });
        Assert.Null(await two.IsAncestorAsync("someone/else", a, c, default));
    }
}
