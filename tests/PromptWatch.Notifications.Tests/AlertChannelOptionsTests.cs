using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Notifications.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>Options bind from <c>PromptWatch:Alerting</c>, only configured channels exist, and bad settings stop the host with messages that name the key and keep secrets out.</summary>
public sealed class AlertChannelOptionsTests
{
    private const string SecretUrlPart = "T0SECRET/B0SECRET/xoxb-very-secret";

    [Fact]
    public void Only_the_configured_channels_are_registered()
    {
        using var none = new ChannelHost(new Dictionary<string, string?>());
        Assert.Empty(none.Channels);

        using var some = new ChannelHost(new Dictionary<string, string?>
        {
            ["Slack:WebhookUrl"] = "https://hooks.slack.com/services/" + SecretUrlPart,
            ["Alertmanager:Url"] = "http://alertmanager:9093",
        });
        Assert.Equal(["alertmanager", "slack"], some.Channels.Select(static c => c.Name).Order(StringComparer.Ordinal));

        using var all = new ChannelHost(
            new Dictionary<string, string?>
            {
                ["Webhook:Url"] = "https://example.com/hook",
                ["Discord:WebhookUrl"] = "https://discord.com/api/webhooks/1/abc",
                ["Email:Host"] = "smtp.example.com",
                ["Email:From"] = "alerts@example.com",
                ["Email:To"] = "ops@example.com, dev@example.com",
            },
            static options => options.Slack.WebhookUrl = "https://hooks.slack.com/services/" + SecretUrlPart);
        Assert.Equal(["discord", "email", "slack", "webhook"], all.Channels.Select(static c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["ops@example.com, dev@example.com"], all.Options.Email.To);
    }

    [Fact]
    public async Task A_host_builder_s_configuration_decides_the_channels_and_a_bad_setting_stops_the_host()
    {
        var good = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        good.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Alerting:Discord:WebhookUrl"] = "https://discord.com/api/webhooks/1/x" });
        PromptWatch.Hosting.AlertChannelPromptWatchBuilderExtensions.AddAlertChannels(new TestBuilder(good.Services));
        using (var host = good.Build())
        {
            Assert.Equal("discord", Assert.Single(host.Services.GetServices<PromptWatch.Alerting.IAlertChannel>()).Name);
        }

        var bad = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        bad.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Alerting:Slack:WebhookUrl"] = "hooks.slack.com/" + SecretUrlPart });
        PromptWatch.Hosting.AlertChannelPromptWatchBuilderExtensions.AddAlertChannels(new TestBuilder(bad.Services));
        using var failing = bad.Build();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => failing.StartAsync());
        Assert.Contains("PromptWatch:Alerting:Slack:WebhookUrl", failure.Message);
        Assert.DoesNotContain("SECRET", failure.Message);
    }

    [Fact]
    public void Calling_AddAlertChannels_again_adds_no_second_channel()
    {
        var services = new ServiceCollection();
        var builder = new TestBuilder(services);
        PromptWatch.Hosting.AlertChannelPromptWatchBuilderExtensions.AddAlertChannels(builder, static o => o.Slack.WebhookUrl = "https://hooks.slack.com/services/x");
        PromptWatch.Hosting.AlertChannelPromptWatchBuilderExtensions.AddAlertChannels(builder, static o => o.Discord.WebhookUrl = "https://discord.com/api/webhooks/1/x");

        Assert.Equal(2, services.Count(static d => d.ServiceType == typeof(PromptWatch.Alerting.IAlertChannel)));
    }

    [Theory]
    [InlineData("Slack:WebhookUrl", "hooks.slack.com/services/" + SecretUrlPart)]
    [InlineData("Slack:WebhookUrl", "ftp://hooks.slack.com/services/" + SecretUrlPart)]
    [InlineData("Discord:WebhookUrl", "/api/webhooks/" + SecretUrlPart)]
    [InlineData("Webhook:Url", "not a url " + SecretUrlPart)]
    [InlineData("Alertmanager:Url", "alertmanager:9093/" + SecretUrlPart)]
    public void A_webhook_URL_that_is_not_absolute_http_names_its_key_and_is_not_repeated(string key, string value)
    {
        var message = Failure(new Dictionary<string, string?> { [key] = value });

        Assert.Contains($"PromptWatch:Alerting:{key} must be an absolute http or https URL", message);
        Assert.DoesNotContain("SECRET", message);
    }

    [Fact]
    public void A_header_value_with_a_line_break_names_the_header_and_not_the_value()
    {
        var message = Failure(new Dictionary<string, string?> { ["Webhook:Url"] = "https://example.com/hook", ["Webhook:Headers:Authorization"] = "Bearer SECRET\r\nX-Evil: 1" });

        Assert.Contains("PromptWatch:Alerting:Webhook:Headers:Authorization holds a line break", message);
        Assert.DoesNotContain("SECRET", message);
    }

    [Theory]
    [InlineData("Email:Port", "0", "PromptWatch:Alerting:Email:Port must be between 1 and 65535")]
    [InlineData("Email:Port", "70000", "PromptWatch:Alerting:Email:Port must be between 1 and 65535")]
    [InlineData("Email:From", "not an address", "PromptWatch:Alerting:Email:From is not an email address")]
    [InlineData("Email:To:0", "ops@@", "PromptWatch:Alerting:Email:To:0 is not a list of email addresses")]
    [InlineData("Email:Username", "alerts", "PromptWatch:Alerting:Email:Password is required when PromptWatch:Alerting:Email:Username is set")]
    public void An_invalid_email_setting_names_its_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Email:Host"] = "smtp.example.com", ["Email:From"] = "alerts@example.com", ["Email:To:0"] = "ops@example.com", [key] = value };

        Assert.Contains(expected, Failure(settings));
    }

    [Fact]
    public void Email_without_sender_or_recipients_names_both_keys_and_never_the_password()
    {
        var message = Failure(new Dictionary<string, string?> { ["Email:Host"] = "smtp.example.com", ["Email:Password"] = "smtp-pass-SECRET" });

        Assert.Contains("PromptWatch:Alerting:Email:From is required", message);
        Assert.Contains("PromptWatch:Alerting:Email:To is required", message);
        Assert.Contains("PromptWatch:Alerting:Email:Username is required when PromptWatch:Alerting:Email:Password is set", message);
        Assert.DoesNotContain("SECRET", message);
    }

    [Theory]
    [InlineData("Delivery:MaxRetries", "11", "PromptWatch:Alerting:Delivery:MaxRetries must be between 0 and 10")]
    [InlineData("Delivery:AttemptTimeout", "00:00:00.010", "PromptWatch:Alerting:Delivery:AttemptTimeout must be between")]
    [InlineData("Delivery:TotalTimeout", "00:00:01", "PromptWatch:Alerting:Delivery:TotalTimeout must be at least AttemptTimeout")]
    [InlineData("Delivery:MaxDelay", "00:00:00.001", "PromptWatch:Alerting:Delivery:MaxDelay must be at least BaseDelay")]
    [InlineData("Alertmanager:FiringEndsAfter", "00:00:01", "PromptWatch:Alerting:Alertmanager:FiringEndsAfter must be between")]
    [InlineData("Alertmanager:RepeatInterval", "00:00:01", "PromptWatch:Alerting:Alertmanager:RepeatInterval must be between 5 seconds and 1 hour")]
    [InlineData("Alertmanager:FiringEndsAfter", "00:00:30", "PromptWatch:Alerting:Alertmanager:RepeatInterval (00:01:00) must be shorter than PromptWatch:Alerting:Alertmanager:FiringEndsAfter (00:00:30)")]
    public void An_invalid_delivery_setting_names_its_key(string key, string value, string expected)
    {
        Assert.Contains(expected, Failure(new Dictionary<string, string?> { ["Alertmanager:Url"] = "http://alertmanager:9093", [key] = value }));
    }

    [Fact]
    public void ToString_shows_no_secret()
    {
        using var host = new ChannelHost(new Dictionary<string, string?>
        {
            ["Webhook:Url"] = "https://example.com/" + SecretUrlPart,
            ["Webhook:Headers:Authorization"] = "Bearer SECRET",
            ["Slack:WebhookUrl"] = "https://hooks.slack.com/services/" + SecretUrlPart,
            ["Discord:WebhookUrl"] = "https://discord.com/api/webhooks/" + SecretUrlPart,
            ["Alertmanager:Url"] = "http://user:SECRET@alertmanager:9093",
            ["Email:Host"] = "smtp.example.com",
            ["Email:Username"] = "alerts",
            ["Email:Password"] = "SECRET",
            ["Email:From"] = "alerts@example.com",
            ["Email:To:0"] = "ops@example.com",
        });
        var options = host.Options;
        var text = string.Join('\n', options.Webhook, options.Slack, options.Discord, options.Alertmanager, options.Email, options.Delivery);

        Assert.DoesNotContain("SECRET", text);
        Assert.Contains("Headers=[Authorization]", text);
        Assert.Contains("Password=(set)", text);
    }

    private static string Failure(Dictionary<string, string?> settings)
    {
        using var host = new ChannelHost(settings);
        return Assert.Throws<OptionsValidationException>(() => host.Options).Message;
    }
}
