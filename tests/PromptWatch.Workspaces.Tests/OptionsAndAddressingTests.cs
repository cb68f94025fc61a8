using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Templates, allow-lists and user patterns: only validated values are substituted, and never into the host's place.</summary>
public sealed class OptionsAndAddressingTests
{
    private static WorkspaceOptions Valid()
    {
        var options = new WorkspaceOptions
        {
            Enabled = true,
            GitRepoUrl = "https://gitea-gitea.{cluster}/{user}/canopy-be.git",
            S3Endpoint = "https://minio-api-{user}-toolings.{cluster}",
            S3UiUrl = "https://minio-ui-{user}-toolings.{cluster}",
        };
        options.AllowedClusters.Add("apps.cluster-abc.example.com");
        options.AllowedClusters.Add("*.example.org");
        return options;
    }

    [Fact]
    public void Builds_the_replaced_tools_urls_from_the_templates()
    {
        var addressing = new WorkspaceAddressing(Valid());
        Assert.True(addressing.TryValidate("user1", "Apps.Cluster-ABC.example.com", out var key));
        Assert.Equal(new WorkspaceKey("user1", "apps.cluster-abc.example.com"), key);
        Assert.Equal("https://gitea-gitea.apps.cluster-abc.example.com/user1/canopy-be.git", addressing.GitRepoUrl(key).AbsoluteUri);
        Assert.Equal("https://minio-api-user1-toolings.apps.cluster-abc.example.com/", addressing.S3Endpoint(key)!.AbsoluteUri);
        Assert.Equal("https://minio-ui-user1-toolings.apps.cluster-abc.example.com/", addressing.S3UiUrl(key)!.AbsoluteUri);
        Assert.True(addressing.TryValidate("user9999", "a.b.example.org", out _));
    }

    [Theory]
    [InlineData("user1", "example.org")]                       // the suffix itself is not under it
    [InlineData("user1", "evilexample.org")]
    [InlineData("user1", "apps.cluster-abc.example.com.evil.org")]
    [InlineData("user1", "apps.cluster-abc.example.com:8080")]
    [InlineData("user1", "x@apps.cluster-abc.example.com")]
    [InlineData("user1", "evil.org/x.example.org")]
    [InlineData("user1", "evil.org#.example.org")]
    [InlineData("user1", "-bad.example.org")]
    [InlineData("user1", "")]
    [InlineData("user1", null)]
    [InlineData("user10000", "apps.cluster-abc.example.com")]
    [InlineData("user", "apps.cluster-abc.example.com")]
    [InlineData("admin", "apps.cluster-abc.example.com")]
    [InlineData("user1\n", "apps.cluster-abc.example.com")]
    [InlineData("", "apps.cluster-abc.example.com")]
    [InlineData(null, "apps.cluster-abc.example.com")]
    public void Refuses_anything_else(string? user, string? cluster)
    {
        var addressing = new WorkspaceAddressing(Valid());
        Assert.False(addressing.TryValidate(user, cluster, out _));
    }

    [Fact]
    public void A_permissive_user_pattern_still_cannot_move_the_host_or_the_path()
    {
        var options = Valid();
        options.UserPattern = ".*";
        var addressing = new WorkspaceAddressing(options);
        foreach (var user in new[] { "a@evil.org", "a/../b", "..", "a:b", "a?b", "a#b", "a%2Fb", "a b", "a\\b" })
        {
            Assert.False(addressing.TryValidate(user, "apps.cluster-abc.example.com", out _), user);
        }

        Assert.True(addressing.TryValidate("alice.smith_2", "apps.cluster-abc.example.com", out var key));
        Assert.Equal("gitea-gitea.apps.cluster-abc.example.com", addressing.GitRepoUrl(key).Host);
    }

    [Fact]
    public void With_no_allow_list_no_cluster_is_allowed()
    {
        var options = Valid();
        options.AllowedClusters.Clear();
        Assert.False(new WorkspaceAddressing(options).TryValidate("user1", "apps.cluster-abc.example.com", out _));
    }

    [Theory]
    [InlineData("ftp://git.{cluster}/{user}.git", "GitRepoUrl must be an http:// or https:// URL")]
    [InlineData("git.{cluster}/{user}.git", "GitRepoUrl must be an absolute")]
    [InlineData("https://admin:secret@git.{cluster}/{user}.git", "must not carry credentials")]
    [InlineData("https://git.{cluster}/repo.git", "GitRepoUrl must contain {user}")]
    [InlineData("https://git.{cluster}/{user}/{branch}.git", "only use the placeholders")]
    public void Refuses_bad_templates_on_start(string template, string message)
    {
        var options = Valid();
        options.GitRepoUrl = template;
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_bad_limits_patterns_clusters_and_sources_on_start()
    {
        var options = Valid();
        options.MaxAlive = 0;
        options.IdleTimeout = TimeSpan.Zero;
        options.UserPattern = "(";
        options.AllowedClusters.Add("*.*.org");
        options.AllowedClusters.Add("bad host");
        options.CredentialSource = WorkspaceCredentialSourceKind.Files;
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        foreach (var part in new[] { "MaxAlive", "IdleTimeout", "UserPattern", "AllowedClusters:2", "AllowedClusters:3", "CredentialsDirectory" })
        {
            Assert.Contains(part, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_bad_creation_and_event_stream_limits_on_start_naming_each_setting()
    {
        var options = Valid();
        options.MaxAlivePerUser = 0;
        options.MaxCreationsPerUser = -1;
        options.MaxCreations = -1;
        options.CreationWindow = TimeSpan.Zero;
        options.MaxEventStreamsPerWorkspace = 0;
        options.MaxEventStreams = 0;
        options.BusyRetryAfter = TimeSpan.Zero;
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        foreach (var part in new[] { "MaxAlivePerUser", "MaxCreationsPerUser", "MaxCreations ", "CreationWindow", "MaxEventStreamsPerWorkspace", "MaxEventStreams ", "BusyRetryAfter" })
        {
            Assert.Contains($"PromptWatch:Workspaces:{part}", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.Equal(7, result.Failures!.Count());

        // 0 turns the creation rates off.
        options = Valid();
        options.MaxCreationsPerUser = 0;
        options.MaxCreations = 0;
        Assert.True(new WorkspaceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_user_pattern_that_needs_backtracking_is_refused_with_the_reason()
    {
        var options = Valid();
        options.UserPattern = "^(?!admin)user[0-9]+$";

        var result = new WorkspaceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("UserPattern is unusable", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("needs backtracking", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_view_cache_smaller_than_64_KiB_is_refused_on_start_naming_the_setting()
    {
        var options = Valid();
        Assert.Equal(WorkspaceOptions.DefaultViewCacheBytes, options.ViewCacheBytes);
        Assert.False(options.KeepRepositoriesOpen);
        options.ViewCacheBytes = 1000;
        var result = new WorkspaceOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal("PromptWatch:Workspaces:ViewCacheBytes must be at least 64 KiB (65536) (it is 1000).", Assert.Single(result.Failures!));
        options.ViewCacheBytes = 64 * 1024;
        Assert.True(new WorkspaceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_default_cluster_must_be_allowed_and_disabled_options_are_not_checked()
    {
        var options = Valid();
        options.DefaultCluster = "apps.other.example.com";
        Assert.Contains("DefaultCluster", new WorkspaceOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
        options.DefaultCluster = "x.example.org";
        Assert.True(new WorkspaceOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new WorkspaceOptionsValidator().Validate(null, new WorkspaceOptions()).Succeeded);
    }

    [Fact]
    public void A_host_with_workspaces_needs_no_repository_of_its_own()
    {
        using var enabled = Services(Valid());
        var root = enabled.GetRequiredService<IOptions<PromptWatchOptions>>().Value;
        Assert.Empty(root.Repositories);
        Assert.True(root.AllowNoRepositories);

        // Switched off, workspaces do not excuse a host without a repository.
        using var disabled = Services(new WorkspaceOptions());
        var failure = Assert.Throws<OptionsValidationException>(() => disabled.GetRequiredService<IOptions<PromptWatchOptions>>().Value);
        Assert.Contains("No repository is configured", failure.Message, StringComparison.Ordinal);

        static ServiceProvider Services(WorkspaceOptions workspaces)
        {
            var services = new ServiceCollection();
            services.AddPromptWatch().AddWorkspaces(options =>
            {
                options.Enabled = workspaces.Enabled;
                options.GitRepoUrl = workspaces.GitRepoUrl;
                foreach (var cluster in workspaces.AllowedClusters) options.AllowedClusters.Add(cluster);
            });
            return services.BuildServiceProvider();
        }
    }

    [Fact]
    public void Credential_sources_read_files_environment_variables_and_configuration_and_never_show_secrets()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile("user1/git-password", "file-secret\n");
        folder.WriteFile("user1/s3-secret-key", "s3-file-secret");
        var fromFiles = new FileWorkspaceCredentialSource(folder.Path).Find("user1")!;
        Assert.Equal(new WorkspaceCredentials(null, "file-secret", null, "s3-file-secret"), fromFiles);
        Assert.Null(new FileWorkspaceCredentialSource(folder.Path).Find("user2"));
        Assert.DoesNotContain("secret", fromFiles.ToString(), StringComparison.Ordinal);

        var prefix = "PROMPTWATCH_TEST_WS_" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "_";
        Environment.SetEnvironmentVariable(prefix + "USER_7_GIT_PASSWORD", "env-secret");
        try
        {
            Assert.Equal("env-secret", new EnvironmentWorkspaceCredentialSource(prefix).Find("user.7")!.GitPassword);
            Assert.Null(new EnvironmentWorkspaceCredentialSource(prefix).Find("user8"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "USER_7_GIT_PASSWORD", null);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Workspaces:Credentials:user3:GitUsername"] = "deploy",
            ["PromptWatch:Workspaces:Credentials:user3:GitPassword"] = "config-secret",
        }).Build();
        var fromConfiguration = new ConfigurationWorkspaceCredentialSource(configuration.GetSection(ConfigurationWorkspaceCredentialSource.DefaultSectionName));
        Assert.Equal(new WorkspaceCredentials("deploy", "config-secret", null, null), fromConfiguration.Find("user3"));
        Assert.Null(fromConfiguration.Find("user4"));
        Assert.Null(new ConfigurationWorkspaceCredentialSource(null).Find("user3"));
    }
}
