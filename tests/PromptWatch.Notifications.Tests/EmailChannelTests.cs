using System.Globalization;
using MimeKit;
using PromptWatch.Alerting;
using PromptWatch.Notifications.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>A real SMTP server (aiosmtpd) receives the email; the test parses it with MimeKit.</summary>
public sealed class EmailChannelTests
{
    private const string Password = "smtp-password-SECRET-42";

    [Fact]
    public async Task A_firing_notification_arrives_with_severity_in_the_subject_text_and_HTML_bodies_and_a_link_to_the_dashboard()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var host = new ChannelHost(Email(smtp.Port));

        await host.Channel("email").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("[CRITICAL] cpu_high: CPU at 93.5 % (above 80 %)", message.Subject);
        Assert.Equal("alerts@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(["ops@example.com", "dev@example.com"], message.To.Mailboxes.Select(static m => m.Address));
        Assert.Contains("Severity: critical", message.TextBody);
        Assert.Contains("Value: 93.5", message.TextBody);
        Assert.Contains("Labels: alertname=cpu_high, host=web-1, team=platform", message.TextBody);
        Assert.Contains("Dashboard: " + SampleNotifications.Dashboard.AbsoluteUri, message.TextBody);
        Assert.Contains("<td>critical</td>", message.HtmlBody);
        Assert.Contains($"<a href=\"{SampleNotifications.Dashboard.AbsoluteUri}\">", message.HtmlBody);
        var recorded = Assert.Single(host.Durations.GetMeasurementSnapshot());
        Assert.Equal("alert_sink", recorded.Tags["promptwatch.dependency"]);
        Assert.Equal("success", recorded.Tags["promptwatch.outcome"]);
    }

    [Fact]
    public async Task A_resolution_says_resolved_in_the_subject()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var host = new ChannelHost(Email(smtp.Port));

        await host.Channel("email").SendAsync(SampleNotifications.Resolved(SampleNotifications.Alert(severity: AlertSeverity.Warning), DateTimeOffset.UtcNow), CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("[RESOLVED] [WARNING] cpu_high: CPU at 93.5 % (above 80 %)", message.Subject);
        Assert.Contains("State: resolved", message.TextBody);
    }

    [Fact]
    public async Task With_a_user_name_the_channel_authenticates_and_the_message_holds_no_password()
    {
        await using var smtp = await SmtpServer.StartWithAuthenticationAsync("alerts", Password);
        var settings = Email(smtp.Port);
        settings["Email:Username"] = "alerts";
        settings["Email:Password"] = Password;
        using var host = new ChannelHost(settings);

        await host.Channel("email").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.DoesNotContain("SECRET", Raw(message));
        Assert.DoesNotContain("SECRET", host.Logs.AllText());
    }

    [Fact]
    public async Task A_refused_password_fails_at_once_with_a_message_that_holds_no_password()
    {
        await using var smtp = await SmtpServer.StartWithAuthenticationAsync("alerts", "the-right-one");
        var settings = Email(smtp.Port);
        foreach (var (key, value) in ChannelHost.QuickDelivery(retries: 2)) settings[key] = value;
        settings["Email:Username"] = "alerts";
        settings["Email:Password"] = Password;
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("email").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.Equal("The email channel's SMTP server refused the user name or password.", failure.Message);
        Assert.Equal(1, smtp.Sessions); // Refused credentials are not retried.
        Assert.True(failure.IsPermanent);
        Assert.DoesNotContain("SECRET", failure.ToString());
        Assert.DoesNotContain("SECRET", host.Logs.AllText());
        Assert.Equal("failure", Assert.Single(host.Durations.GetMeasurementSnapshot()).Tags["promptwatch.outcome"]);
        Assert.Empty(Directory.Exists(Path.Combine(smtp.Maildir, "new")) ? Directory.GetFiles(Path.Combine(smtp.Maildir, "new")) : []);
    }

    [Fact]
    public async Task Requiring_STARTTLS_from_a_server_that_does_not_offer_it_fails_naming_the_setting()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var settings = Email(smtp.Port);
        settings["Email:Security"] = "StartTls";
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("email").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.Contains("PromptWatch:Alerting:Email:Security=StartTls", failure.Message);
    }

    [Fact]
    public async Task An_SMTP_server_that_is_not_listening_is_retried_then_fails_without_the_password()
    {
        var settings = Email(FreePort.Next());
        foreach (var (key, value) in ChannelHost.QuickDelivery(retries: 2)) settings[key] = value;
        settings["Email:Username"] = "alerts";
        settings["Email:Password"] = Password;
        using var host = new ChannelHost(settings);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(() => host.Channel("email").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None));

        Assert.Equal("The email channel could not be reached (ConnectionRefused).", failure.Message);
        Assert.DoesNotContain("SECRET", failure.ToString());
    }

    private static Dictionary<string, string?> Email(int port) => new()
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Email:From"] = "PromptWatch <alerts@example.com>",
        ["Email:To"] = "ops@example.com, dev@example.com",
    };

    private static string Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
