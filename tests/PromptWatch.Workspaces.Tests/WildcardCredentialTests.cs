using Microsoft.Extensions.Configuration;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>A user's secrets go only to clusters the configuration names: an exact entry, or a wildcard entry trusted with them.</summary>
[Collection(GitServerGroup.Name)]
public sealed class WildcardCredentialTests(GitHttpServer server)
{
    [Fact]
    public async Task A_cluster_allowed_only_by_a_wildcard_never_receives_the_users_password()
    {
        var suffix = $"w{Guid.NewGuid():N}"[..9] + ".apps.test";
        var exact = "exact." + suffix;
        var mine = "apps.mine." + suffix;
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "Summarize.");
        var password = server.PublishWithNewPassword(exact, "user51", repository);
        server.Publish(mine, "user51", repository);

        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        // The user's credentials are for the exact cluster; the wildcard entry is not trusted with them.
        settings["PromptWatch:Workspaces:AllowedClusters:0"] = "*." + suffix;
        settings["PromptWatch:Workspaces:AllowedClusters:1"] = exact;
        settings.Remove("PromptWatch:Workspaces:CredentialWildcards:0");
        settings["PromptWatch:Workspaces:Credentials:user51:GitPassword"] = password;
        settings["PromptWatch:Workspaces:Credentials:user51:S3SecretKey"] = "s3-" + password;
        await using var host = await WorkspaceHost.StartAsync(settings);

        var onExact = await host.WaitForFirstScanAsync($"user51/{exact}");
        Assert.True(onExact.GetProperty("last_scan_ok").GetBoolean(), onExact.GetRawText());
        var onWildcard = await host.WaitForFirstScanAsync($"user51/{mine}");
        Assert.False(onWildcard.GetProperty("last_scan_ok").GetBoolean());
        Assert.Contains("authentication failed", onWildcard.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        // The server behind the wildcard cluster saw requests, none of them with the user's name (no basic credentials).
        var lines = await server.AccessLogLinesAsync();
        var exactLines = lines.Where(l => l.Contains($"/{exact}/user51/", StringComparison.Ordinal)).ToList();
        var wildcardLines = lines.Where(l => l.Contains($"/{mine}/user51/", StringComparison.Ordinal)).ToList();
        Assert.Contains(exactLines, l => l.Split(' ')[1] == "user51");
        Assert.NotEmpty(wildcardLines);
        Assert.All(wildcardLines, l => Assert.Equal("-", l.Split(' ')[1]));
        // The user is personal data: without redaction configured the line leaves it out.
        var withheld = host.Logs.GetSnapshot().Where(r => r.Id.Id == 70 && r.Message.Contains($"/{mine} gets no credentials", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withheld);
        Assert.All(withheld, static r => Assert.DoesNotContain("user51", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_credential_source_is_asked_only_for_exact_clusters_and_trusted_wildcards()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["user1:GitPassword"] = "user1-password",
            ["user1:S3SecretKey"] = "user1-s3-secret",
        }).Build();
        var source = new RecordingSource(new ConfigurationWorkspaceCredentialSource(section));
        using var cache = new TemporaryFolder();
        using var metrics = new PromptWatchMetrics();
        using var workspaceMetrics = new WorkspaceMetrics();

        await using (var manager = Manager(cache.Path, source, metrics, workspaceMetrics, trustWildcard: false))
        {
            Assert.True(manager.TryValidate("user1", "apps.mine.training.example.com", out var wildcard));
            manager.GetOrCreate(wildcard);
            Assert.Empty(source.Answers);
            Assert.True(manager.TryValidate("user1", "apps.exact.example.com", out var exact));
            manager.GetOrCreate(exact);
            Assert.Equal("user1-password", Assert.Single(source.Answers)?.GitPassword);
        }

        source.Answers.Clear();
        await using (var manager = Manager(cache.Path, source, metrics, workspaceMetrics, trustWildcard: true))
        {
            Assert.True(manager.TryValidate("user1", "apps.mine.training.example.com", out var wildcard));
            manager.GetOrCreate(wildcard);
            Assert.Equal("user1-password", Assert.Single(source.Answers)?.GitPassword);
        }
    }

    [Fact]
    public void A_trusted_wildcard_must_be_a_wildcard_entry_of_the_allow_list()
    {
        var options = WorkspaceSettings("http://127.0.0.1:1/{cluster}/{user}.git", "/tmp", trustWildcard: false);
        options.CredentialWildcards.Add("apps.exact.example.com");
        options.CredentialWildcards.Add("*.other.example.com");
        options.CredentialWildcards.Add("*.TRAINING.example.com");
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("CredentialWildcards:0 ('apps.exact.example.com') must be one of the '*.' entries", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CredentialWildcards:1 ('*.other.example.com')", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("CredentialWildcards:2", result.FailureMessage, StringComparison.Ordinal);
    }

    private static WorkspaceOptions WorkspaceSettings(string template, string cacheDirectory, bool trustWildcard)
    {
        var options = new WorkspaceOptions { Enabled = true, GitRepoUrl = template, CacheDirectory = cacheDirectory, PollInterval = TimeSpan.FromHours(1) };
        options.AllowedClusters.Add("*.training.example.com");
        options.AllowedClusters.Add("apps.exact.example.com");
        if (trustWildcard) options.CredentialWildcards.Add("*.training.example.com");
        return options;
    }

    private static WorkspaceManager Manager(string cacheDirectory, IWorkspaceCredentialSource credentials, PromptWatchMetrics metrics, WorkspaceMetrics workspaceMetrics, bool trustWildcard) =>
        // Nothing listens there: the first scans fail at once, which this test does not look at.
        new(Microsoft.Extensions.Options.Options.Create(WorkspaceSettings($"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git", cacheDirectory, trustWildcard)),
            Microsoft.Extensions.Options.Options.Create(new PromptWatchOptions()), credentials, metrics, workspaceMetrics);

    /// <summary>The real configuration source, with every answer it gave recorded.</summary>
    private sealed class RecordingSource(IWorkspaceCredentialSource inner) : IWorkspaceCredentialSource
    {
        public List<WorkspaceCredentials?> Answers { get; } = [];

        public WorkspaceCredentials? Find(string user)
        {
            var answer = inner.Find(user);
            lock (Answers) Answers.Add(answer);
            return answer;
        }
    }
}
