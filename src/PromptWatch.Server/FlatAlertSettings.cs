using System.Globalization;

namespace PromptWatch.Server;

/// <summary>
/// The alerting part of <see cref="FlatSettings"/>: the monitoring module's <c>ALERT_COOLDOWN_MINUTES</c>,
/// <c>ALERT_MAX_NOTIFICATIONS_PER_HOUR</c> and <c>ALERT_WEBHOOK_URL</c>, the pipeline monitor's <c>SLACK_WEBHOOK_URL</c>, and
/// <c>DISCORD_WEBHOOK_URL</c>, <c>ALERTMANAGER_URL</c>, <c>SMTP_HOST</c>, <c>SMTP_PORT</c>, <c>SMTP_USERNAME</c>,
/// <c>SMTP_PASSWORD</c>, <c>ALERT_EMAIL_FROM</c> and <c>ALERT_EMAIL_TO</c> (a comma-separated list), translated to the
/// <c>PromptWatch:Alerting</c> section.
/// </summary>
internal static class FlatAlertSettings
{
    private const string Section = "PromptWatch:Alerting:";

    private static readonly (string Name, string Key)[] Names =
    [
        ("ALERT_WEBHOOK_URL", Section + "Webhook:Url"),
        ("SLACK_WEBHOOK_URL", Section + "Slack:WebhookUrl"),
        ("DISCORD_WEBHOOK_URL", Section + "Discord:WebhookUrl"),
        ("ALERTMANAGER_URL", Section + "Alertmanager:Url"),
        ("SMTP_HOST", Section + "Email:Host"),
        ("SMTP_USERNAME", Section + "Email:Username"),
        ("SMTP_PASSWORD", Section + "Email:Password"),
        ("ALERT_EMAIL_FROM", Section + "Email:From"),
    ];

    public static void Translate(IConfiguration configuration, Dictionary<string, string?> settings, List<string> problems)
    {
        foreach (var (name, key) in Names)
        {
            if (Trimmed(configuration, name) is { } value) settings[key] = value;
        }

        if (Trimmed(configuration, "ALERT_COOLDOWN_MINUTES") is { } cooldown)
        {
            if (double.TryParse(cooldown, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && double.IsFinite(minutes) && minutes >= 0 && minutes <= TimeSpan.FromDays(365).TotalMinutes)
            {
                settings[Section + "Cooldown"] = TimeSpan.FromMinutes(minutes).ToString("c", CultureInfo.InvariantCulture);
            }
            else
            {
                problems.Add($"ALERT_COOLDOWN_MINUTES must be a number of minutes (it is '{cooldown}').");
            }
        }

        if (Trimmed(configuration, "ALERT_MAX_NOTIFICATIONS_PER_HOUR") is { } cap)
        {
            if (int.TryParse(cap, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1) settings[Section + "MaxNotificationsPerHour"] = count.ToString(CultureInfo.InvariantCulture);
            else problems.Add($"ALERT_MAX_NOTIFICATIONS_PER_HOUR must be a whole number of at least 1 (it is '{cap}').");
        }

        if (Trimmed(configuration, "SMTP_PORT") is { } port)
        {
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535) settings[Section + "Email:Port"] = number.ToString(CultureInfo.InvariantCulture);
            else problems.Add($"SMTP_PORT must be a port number from 1 to 65535 (it is '{port}').");
        }

        if (Trimmed(configuration, "ALERT_EMAIL_TO") is { } to)
        {
            var addresses = to.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (addresses.Length == 0) problems.Add("ALERT_EMAIL_TO names no address: write addresses separated by commas.");
            for (var i = 0; i < addresses.Length; i++) settings[Section + "Email:To:" + i.ToString(CultureInfo.InvariantCulture)] = addresses[i];
            // ALERT_EMAIL_TO replaces the section's list: a later source cannot remove its entries, so those beyond the
            // flat list are blanked (the email channel skips blank entries).
            foreach (var entry in configuration.GetSection(Section + "Email:To").GetChildren())
            {
                if (int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= addresses.Length) settings[entry.Path] = string.Empty;
            }
        }
    }

    private static string? Trimmed(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
