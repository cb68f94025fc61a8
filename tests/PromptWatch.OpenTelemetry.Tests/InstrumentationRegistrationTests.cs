using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptWatch.Diagnostics;

namespace PromptWatch.OpenTelemetry.Tests;

/// <summary><c>AddPromptWatchInstrumentation</c> subscribes the providers to PromptWatch's meter and activity source.</summary>
public sealed class InstrumentationRegistrationTests
{
    [Fact]
    public void The_tracer_provider_samples_spans_of_the_PromptWatch_source()
    {
        var spans = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder().AddPromptWatchInstrumentation().AddInMemoryExporter(spans).Build())
        {
            using var source = new ActivitySource(PromptWatchTelemetry.ActivitySourceName);
            using (var activity = source.StartActivity("promptwatch.scan")) Assert.NotNull(activity);
        }

        Assert.Equal("promptwatch.scan", Assert.Single(spans).OperationName);
    }

    [Fact]
    public void The_meter_provider_collects_instruments_of_the_PromptWatch_meter()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddPromptWatchInstrumentation().AddInMemoryExporter(metrics).Build();
        using var promptWatch = new PromptWatchMetrics();

        promptWatch.RecordRefresh("service", ok: true, TimeSpan.FromSeconds(2));
        provider.ForceFlush();

        Assert.Contains(metrics, m => m.Name == "promptwatch.refreshes" && m.MeterName == PromptWatchTelemetry.MeterName);
        var duration = Assert.Single(metrics, m => m.Name == "promptwatch.refresh.duration");
        Assert.Equal("s", duration.Unit);
    }
}
