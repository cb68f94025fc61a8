using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>
/// The services of a host that called <c>AddAlertChannels()</c> with the given configuration keys (under
/// <c>PromptWatch:Alerting:</c>), a fake log and a collector of <c>promptwatch.dependency.duration</c>.
/// </summary>
internal sealed class ChannelHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ChannelHost(IReadOnlyDictionary<string, string?> settings, Action<AlertChannelOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => KeyValuePair.Create(AlertChannelOptions.SectionName + ":" + s.Key, s.Value)))
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddMetrics();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services?.Invoke(collection);
        new TestBuilder(collection).AddAlertChannels(configure);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Durations = new MetricCollector<double>(_provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PromptWatchTelemetry.MeterName, "promptwatch.dependency.duration");
    }

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public MetricCollector<double> Durations { get; }

    public AlertChannelOptions Options => _provider.GetRequiredService<IOptions<AlertChannelOptions>>().Value;

    public IReadOnlyList<IAlertChannel> Channels => [.. _provider.GetServices<IAlertChannel>()];

    public IAlertChannel Channel(string name) => Channels.Single(c => c.Name == name);

    /// <summary>Settings that make every attempt short, for the tests of failures.</summary>
    // Short backoff, but attempts long enough for a busy machine's first connection (a refused one or an SMTP
    // handshake): only the tests of hung receivers shorten the attempt, on purpose.
    public static Dictionary<string, string?> QuickDelivery(int retries = 2, string attempt = "00:00:10", string total = "00:01:00") => new()
    {
        ["Delivery:MaxRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:BaseDelay"] = "00:00:00.050",
        ["Delivery:MaxDelay"] = "00:00:00.200",
        ["Delivery:AttemptTimeout"] = attempt,
        ["Delivery:TotalTimeout"] = total,
    };

    public void Dispose()
    {
        Durations.Dispose();
        _provider.Dispose();
    }
}
