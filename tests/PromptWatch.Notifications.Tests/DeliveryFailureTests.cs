using System.Diagnostics;
using PromptWatch.Notifications.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>
/// A channel whose receiver fails or never answers: attempts are retried a bounded number of times, each attempt and
/// the whole send are timed out, and the failure names the status (or the timeout) but never the URL.
/// </summary>
public sealed class DeliveryFailureTests
{
    [Theory]
    [InlineData("slack", "Slack:WebhookUrl")]
    [InlineData("discord", "Discord:WebhookUrl")]
    [InlineData("webhook", "Webhook:Url")]
    [InlineData("alertmanager", "Alertmanager:Url")]
    public async Task A_receiver_that_answers_500_is_retried_a_bounded_number_of_times_then_the_failure_has_the_status_and_no_URL(string channel, string key)
    {
        await using var receiver = await LoopbackReceiver.StartAsync(ReceiverBehaviour.Fail);
        var settings = ChannelHost.QuickDelivery(retries: 2);
        settings[key] = receiver.Url.AbsoluteUri;
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel(channel).SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.Equal(3, receiver.Count);
        Assert.Contains("500", failure.Message);
        AssertNoSecret(receiver, failure.ToString());
        AssertNoSecret(receiver, host.Logs.AllText());
        var recorded = Assert.Single(host.Durations.GetMeasurementSnapshot());
        Assert.Equal("alert_sink", recorded.Tags["promptwatch.dependency"]);
        Assert.Equal("failure", recorded.Tags["promptwatch.outcome"]);
        Assert.Equal("5xx", recorded.Tags["http.response.status_code"]);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_each_attempt_and_the_send_ends_within_its_bound()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(ReceiverBehaviour.Hang);
        var settings = ChannelHost.QuickDelivery(retries: 2, attempt: "00:00:00.300", total: "00:00:30");
        settings["Slack:WebhookUrl"] = receiver.Url.AbsoluteUri;
        using var host = new ChannelHost(settings);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("slack").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The send took {clock.Elapsed}.");
        Assert.Equal(3, receiver.Count);
        Assert.Equal("The slack channel did not answer within 0.3 s.", failure.Message);
        Assert.IsType<TimeoutException>(failure.InnerException);
        AssertNoSecret(receiver, failure.ToString());
        AssertNoSecret(receiver, host.Logs.AllText());
    }

    [Fact]
    public async Task The_total_timeout_ends_a_send_whose_retries_would_take_longer()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(ReceiverBehaviour.Hang);
        var settings = ChannelHost.QuickDelivery(retries: 10, attempt: "00:00:00.400", total: "00:00:01");
        settings["Discord:WebhookUrl"] = receiver.Url.AbsoluteUri;
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("discord").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.InRange(receiver.Count, 1, 4);
        Assert.Equal("The discord channel did not answer within 1 s.", failure.Message);
    }

    [Fact]
    public async Task A_receiver_that_is_not_listening_fails_without_the_URL()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}{LoopbackReceiver.SecretPath}");
        var settings = ChannelHost.QuickDelivery(retries: 1);
        settings["Webhook:Url"] = url.AbsoluteUri;
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("webhook").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.Equal("The webhook channel could not be reached (ConnectionError).", failure.Message);
        Assert.DoesNotContain(url.Authority, failure.ToString());
        Assert.DoesNotContain("SECRET", failure.ToString());
    }

    [Fact]
    public async Task A_successful_send_is_recorded_as_an_alert_sink_call_and_logs_no_URL()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Slack:WebhookUrl"] = receiver.Url.AbsoluteUri });

        await host.Channel("slack").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None);

        var recorded = Assert.Single(host.Durations.GetMeasurementSnapshot());
        Assert.Equal("alert_sink", recorded.Tags["promptwatch.dependency"]);
        Assert.Equal("success", recorded.Tags["promptwatch.outcome"]);
        Assert.Equal("2xx", recorded.Tags["http.response.status_code"]);
        Assert.Contains("to the slack channel", host.Logs.AllText());
        AssertNoSecret(receiver, host.Logs.AllText());
    }

    private static void AssertNoSecret(LoopbackReceiver receiver, string text)
    {
        Assert.DoesNotContain("SECRET", text);
        Assert.DoesNotContain("xoxSecretToken123", text);
        Assert.DoesNotContain(receiver.Url.Authority, text);
    }
}
