using Microsoft.Extensions.Configuration;
using PromptWatch.Server;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// The sample translates the alerting flat names (the monitoring module's, the pipeline monitor's and the channels')
/// onto <c>PromptWatch:Alerting</c>; they win over the section, and a value that cannot be read is named by its variable.
/// </summary>
public sealed class FlatAlertSettingsTests
{
    [Fact]
    public void Every_alerting_name_maps_to_its_key_in_the_alerting_section()
    {
        var settings = FlatSettings.Translate(Configuration(new()
        {
            ["ALERT_COOLDOWN_MINUTES"] = "30",
            ["ALERT_MAX_NOTIFICATIONS_PER_HOUR"] = "12",
            ["ALERT_WEBHOOK_URL"] = "https://hooks.example.com/alerts",
            ["SLACK_WEBHOOK_URL"] = " https://hooks.slack.example.com/services/T0/B0/x ",
            ["DISCORD_WEBHOOK_URL"] = "https://discord.example.com/api/webhooks/1/y",
            ["ALERTMANAGER_URL"] = "http://127.0.0.1:9093",
            ["SMTP_HOST"] = "smtp.example.com",
            ["SMTP_PORT"] = "587",
            ["SMTP_USERNAME"] = "alerts",
            ["SMTP_PASSWORD"] = "smtp-password",
            ["ALERT_EMAIL_FROM"] = "promptwatch@example.com",
            ["ALERT_EMAIL_TO"] = "ops@example.com, dev@example.com,,",
        }));

        Assert.Equal("00:30:00", settings["PromptWatch:Alerting:Cooldown"]);
        Assert.Equal("12", settings["PromptWatch:Alerting:MaxNotificationsPerHour"]);
        Assert.Equal("https://hooks.example.com/alerts", settings["PromptWatch:Alerting:Webhook:Url"]);
        Assert.Equal("https://hooks.slack.example.com/services/T0/B0/x", settings["PromptWatch:Alerting:Slack:WebhookUrl"]);
        Assert.Equal("https://discord.example.com/api/webhooks/1/y", settings["PromptWatch:Alerting:Discord:WebhookUrl"]);
        Assert.Equal("http://127.0.0.1:9093", settings["PromptWatch:Alerting:Alertmanager:Url"]);
        Assert.Equal("smtp.example.com", settings["PromptWatch:Alerting:Email:Host"]);
        Assert.Equal("587", settings["PromptWatch:Alerting:Email:Port"]);
        Assert.Equal("alerts", settings["PromptWatch:Alerting:Email:Username"]);
        Assert.Equal("smtp-password", settings["PromptWatch:Alerting:Email:Password"]);
        Assert.Equal("promptwatch@example.com", settings["PromptWatch:Alerting:Email:From"]);
        Assert.Equal("ops@example.com", settings["PromptWatch:Alerting:Email:To:0"]);
        Assert.Equal("dev@example.com", settings["PromptWatch:Alerting:Email:To:1"]);
        Assert.False(settings.ContainsKey("PromptWatch:Alerting:Email:To:2"));
    }

    [Fact]
    public void ALERT_EMAIL_TO_replaces_a_longer_list_of_recipients_in_the_section()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Alerting:Email:To:0"] = "first@example.com",
            ["PromptWatch:Alerting:Email:To:1"] = "second@example.com",
            ["PromptWatch:Alerting:Email:To:2"] = "third@example.com",
            ["ALERT_EMAIL_TO"] = "ops@example.com",
        });

        configuration.AddFlatSettings();

        var recipients = configuration.GetSection("PromptWatch:Alerting:Email:To").GetChildren().Select(static c => c.Value).Where(static v => !string.IsNullOrWhiteSpace(v));
        Assert.Equal(["ops@example.com"], recipients);
    }

    [Fact]
    public void The_flat_names_win_over_the_section_in_the_configuration_the_sample_builds()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Alerting:Cooldown"] = "00:05:00",
            ["PromptWatch:Alerting:Slack:WebhookUrl"] = "https://section.example.com/slack",
            ["PromptWatch:Alerting:EvaluationInterval"] = "00:00:30",
            ["ALERT_COOLDOWN_MINUTES"] = "1.5",
            ["SLACK_WEBHOOK_URL"] = "https://flat.example.com/slack",
        });

        configuration.AddFlatSettings();

        Assert.Equal("00:01:30", configuration["PromptWatch:Alerting:Cooldown"]);
        Assert.Equal("https://flat.example.com/slack", configuration["PromptWatch:Alerting:Slack:WebhookUrl"]);
        Assert.Equal("00:00:30", configuration["PromptWatch:Alerting:EvaluationInterval"]);
    }

    [Theory]
    [InlineData("ALERT_COOLDOWN_MINUTES", "soon", "ALERT_COOLDOWN_MINUTES must be a number of minutes (it is 'soon').")]
    [InlineData("ALERT_COOLDOWN_MINUTES", "-1", "ALERT_COOLDOWN_MINUTES must be a number of minutes (it is '-1').")]
    [InlineData("ALERT_MAX_NOTIFICATIONS_PER_HOUR", "0", "ALERT_MAX_NOTIFICATIONS_PER_HOUR must be a whole number of at least 1 (it is '0').")]
    [InlineData("ALERT_MAX_NOTIFICATIONS_PER_HOUR", "2.5", "ALERT_MAX_NOTIFICATIONS_PER_HOUR must be a whole number of at least 1 (it is '2.5').")]
    [InlineData("SMTP_PORT", "70000", "SMTP_PORT must be a port number from 1 to 65535 (it is '70000').")]
    [InlineData("ALERT_EMAIL_TO", ", ,", "ALERT_EMAIL_TO names no address: write addresses separated by commas.")]
    public void A_value_that_cannot_be_read_is_named_by_its_variable(string name, string value, string message)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { [name] = value })));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_alerting_names_add_nothing()
    {
        Assert.Empty(FlatSettings.Translate(Configuration(new() { ["SLACK_WEBHOOK_URL"] = " ", ["SMTP_HOST"] = "", ["PromptWatch:Alerting:Cooldown"] = "00:10:00" })));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
