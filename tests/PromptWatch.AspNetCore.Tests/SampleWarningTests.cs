using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The sample web host warns about anonymous activity endpoints only while deliveries can reach them.</summary>
public sealed class SampleWarningTests : IDisposable
{
    private const string Warning = "Neither JWT_SECRET_KEY nor OIDC_AUTHORITY is set: the activity endpoints";
    private readonly WatchedRepository _repository = new();

    public SampleWarningTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task No_warning_about_JWT_SECRET_KEY_while_the_webhook_receiver_is_off()
    {
        using var host = Host(settings: null);
        using var client = await host.StartAsync();

        Assert.DoesNotContain(Messages(host), static m => m.Contains(Warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_receiver_on_and_no_JWT_SECRET_KEY_the_warning_is_logged()
    {
        using var host = Host(new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = "sample-webhook-secret" });
        using var client = await host.StartAsync();

        Assert.Contains(Messages(host), static m => m.Contains(Warning, StringComparison.Ordinal));
    }

    public void Dispose() => _repository.Dispose();

    private PromptWatchHost Host(Dictionary<string, string>? settings) =>
        new(_repository.Path, settings: settings, configureServices: static services => services.AddLogging(static logging => logging.AddFakeLogging()));

    private static List<string> Messages(PromptWatchHost host) =>
        [.. host.Services.GetFakeLogCollector().GetSnapshot().Where(static r => r.Level >= LogLevel.Warning).Select(static r => r.Message)];
}
