using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Compliance;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample redacts the log parameters PromptWatch classifies: a workspace's user (personal data) is erased, or
/// replaced by its HMAC when PromptWatch:Logging:RedactionKey is set; the cluster, which is not classified, stays.
/// </summary>
public sealed class LogRedactionTests : IDisposable
{
    private const string User = "user4711";
    private const string Cluster = "apps.example.test";

    // EventId of "Workspace {User}/{Cluster} created".
    private const int WorkspaceCreated = 60;

    private readonly WatchedRepository _repository = new();

    [Fact]
    public async Task Without_a_key_the_workspace_user_is_erased_from_message_and_state()
    {
        var created = await WorkspaceCreatedAsync(key: null);

        Assert.Equal($"Workspace /{Cluster} created; its first scan runs in the background (1 alive)", created.Message);
        Assert.Equal(string.Empty, created.GetStructuredStateValue("User"));
        Assert.Equal(Cluster, created.GetStructuredStateValue("Cluster"));
    }

    [Fact]
    public async Task With_a_key_the_workspace_user_is_a_keyed_hash_the_same_for_the_same_key()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var created = await WorkspaceCreatedAsync(key);
        var again = await WorkspaceCreatedAsync(key);
        var otherKey = await WorkspaceCreatedAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var hash = created.GetStructuredStateValue("User");
        Assert.False(string.IsNullOrEmpty(hash));
        Assert.NotEqual(User, hash);
        Assert.Equal($"Workspace {hash}/{Cluster} created; its first scan runs in the background (1 alive)", created.Message);
        // One user's lines can be found together (under one key), and the hash is the key's: another key gives another.
        Assert.Equal(hash, again.GetStructuredStateValue("User"));
        Assert.NotEqual(hash, otherKey.GetStructuredStateValue("User"));
    }

    [Fact]
    public async Task Secrets_are_erased_with_or_without_a_key_and_so_is_anything_else_classified()
    {
        foreach (var key in new[] { null, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })
        {
            using var host = Host(key);
            using var client = await host.StartAsync();
            var redactors = host.Services.GetRequiredService<IRedactorProvider>();

            Assert.Equal(string.Empty, redactors.GetRedactor(new DataClassificationSet(PromptWatchTaxonomy.Secret)).Redact("a-token-value"));
            Assert.Equal(string.Empty, redactors.GetRedactor(new DataClassificationSet(new DataClassification("Other", "Classified"))).Redact("a-value"));
            var personal = redactors.GetRedactor(new DataClassificationSet(PromptWatchTaxonomy.PersonalData)).Redact(User);
            Assert.Equal(key is null, personal.Length == 0);
            Assert.NotEqual(User, personal);
        }
    }

    [Fact]
    public void A_key_that_is_not_base64_of_32_bytes_stops_the_host_with_a_message_naming_the_setting_not_the_value()
    {
        const string tooShort = "c2hvcnQta2V5";
        using var host = Host(tooShort);

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        var message = string.Join(" | ", Chain(failure).Select(static e => e.Message));
        Assert.Contains("PromptWatch:Logging:RedactionKey must be base64 of at least 32 bytes", message, StringComparison.Ordinal);
        Assert.DoesNotContain(tooShort, message, StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();

    private async Task<FakeLogRecord> WorkspaceCreatedAsync(string? key)
    {
        using var host = Host(key);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri($"{User}/{Cluster}/api/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The workspace manager's lines all take the user as a classified parameter.
        var records = host.Services.GetFakeLogCollector().GetSnapshot().Where(static r => r.Category?.EndsWith(".WorkspaceManager", StringComparison.Ordinal) == true).ToList();
        Assert.DoesNotContain(records, static r => r.Message.Contains(User, StringComparison.Ordinal) || r.StructuredState?.Any(static p => p.Value?.Contains(User, StringComparison.Ordinal) == true) == true);
        return Assert.Single(records, static r => r.Id.Id == WorkspaceCreated);
    }

    private PromptWatchHost Host(string? key)
    {
        var settings = new Dictionary<string, string>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/service.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = Cluster,
            ["PromptWatch:Workspaces:AllowAnonymous"] = "true",
        };
        if (key is not null) settings["PromptWatch:Logging:RedactionKey"] = key;
        return new PromptWatchHost(_repository.Path, settings: settings, configureServices: static services => services.AddLogging(static logging => logging.AddFakeLogging()));
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
