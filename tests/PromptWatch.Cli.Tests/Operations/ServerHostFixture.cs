using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Server;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary>
/// The full PromptWatch application (PromptWatch.Server's composition, as <c>promptwatch server</c> runs it) on a free
/// loopback port, in the test process: the demo repository and reports in a temporary folder, the GitHub receiver on
/// with a test secret, and the resource checks off so that a busy machine's CPU does not decide the overall health.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.DisposeAsync, which disposes the folder.
public class ServerHostFixture : IAsyncLifetime
{
    public const string WebhookSecret = "cli-tests-webhook-secret";
    private readonly TempFolder _data = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    /// <summary>Settings of this host beyond the common ones, as <c>--key=value</c> arguments.</summary>
    protected virtual IEnumerable<string> Settings(string dataDirectory) => [];

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Sample:DataDirectory=" + _data.Path,
            "--PromptWatch:GitHub:Secret=" + WebhookSecret,
            "--PromptWatch:Health:Resources:HealthChecks:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. Settings(_data.Path),
        ];
        _app = PromptWatchServer.CreateApplication(args);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Url = address.TrimEnd('/');
    }

    /// <summary>Sends a signed GitHub delivery to the receiver.</summary>
    public async Task DeliverAsync(string eventName, byte[] body)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + "/api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body)));
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"the delivery was refused: {(int)response.StatusCode}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }
}

/// <summary>The application watching a repository with no result store: its configuration check is Degraded.</summary>
public sealed class DegradedServerHostFixture : ServerHostFixture
{
    protected override IEnumerable<string> Settings(string dataDirectory)
    {
        // The demo command writes a real Git repository; the host watches it without any result store.
        var path = System.IO.Path.Combine(dataDirectory, "plain-repository");
        var exit = PromptWatchCli.RunAsync(["demo", path], TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();
        Assert.Equal(0, exit);
        return ["--PromptWatch:Repositories:0:Name=plain", "--PromptWatch:Repositories:0:Location=" + path];
    }
}
