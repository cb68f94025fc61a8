using MimeKit;
using Microsoft.Extensions.Options;

namespace PromptWatch.Notifications;

/// <summary>
/// Checks <see cref="AlertChannelOptions"/> when the host starts: each problem names its setting key and never repeats
/// a secret value (webhook URLs, header values, the SMTP password).
/// </summary>
internal sealed class AlertChannelOptionsValidator : IValidateOptions<AlertChannelOptions>
{
    private const string Section = AlertChannelOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AlertChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each; empty when they are valid.</summary>
    public static List<string> Check(AlertChannelOptions options)
    {
        var failures = new List<string>();
        if (options.Webhook.IsConfigured) CheckUrl(failures, "Webhook:Url", options.Webhook.Url);
        foreach (var (header, value) in options.Webhook.Headers)
        {
            if (!IsHeaderName(header)) failures.Add($"{Section}:Webhook:Headers has a header name that is not a valid HTTP header name.");
            else if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) failures.Add($"{Section}:Webhook:Headers:{header} holds a line break (the value is not shown: it is a secret).");
        }

        if (options.Slack.IsConfigured) CheckUrl(failures, "Slack:WebhookUrl", options.Slack.WebhookUrl);
        if (options.Discord.IsConfigured) CheckUrl(failures, "Discord:WebhookUrl", options.Discord.WebhookUrl);
        if (options.Alertmanager.IsConfigured) CheckUrl(failures, "Alertmanager:Url", options.Alertmanager.Url);
        if (options.Alertmanager.FiringEndsAfter is { } endsAfter && (endsAfter < TimeSpan.FromSeconds(10) || endsAfter > TimeSpan.FromDays(1)))
        {
            failures.Add($"{Section}:Alertmanager:FiringEndsAfter must be between 10 seconds and 1 day (it is {endsAfter}).");
        }

        var repeat = options.Alertmanager.RepeatInterval;
        if (repeat < TimeSpan.FromSeconds(5) || repeat > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:Alertmanager:RepeatInterval must be between 5 seconds and 1 hour (it is {repeat}).");
        }
        else if (options.Alertmanager.FiringEndsAfter is { } ends && repeat >= ends)
        {
            failures.Add($"{Section}:Alertmanager:RepeatInterval ({repeat}) must be shorter than {Section}:Alertmanager:FiringEndsAfter ({ends}), or Alertmanager resolves firing alerts between two sends.");
        }

        if (options.Email.IsConfigured) CheckEmail(failures, options.Email);
        CheckDelivery(failures, options.Delivery);
        return failures;
    }

    private static void CheckUrl(List<string> failures, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            failures.Add($"{Section}:{key} must be an absolute http or https URL (the value is not shown: it is a secret).");
        }
    }

    private static void CheckEmail(List<string> failures, EmailChannelOptions email)
    {
        if (email.Port is < 1 or > 65535) failures.Add($"{Section}:Email:Port must be between 1 and 65535 (it is {email.Port}).");
        if (!Enum.IsDefined(email.Security)) failures.Add($"{Section}:Email:Security must be one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
        if (!string.IsNullOrEmpty(email.Username) && string.IsNullOrEmpty(email.Password))
        {
            failures.Add($"{Section}:Email:Password is required when {Section}:Email:Username is set.");
        }
        else if (string.IsNullOrEmpty(email.Username) && !string.IsNullOrEmpty(email.Password))
        {
            failures.Add($"{Section}:Email:Username is required when {Section}:Email:Password is set (the password is not shown).");
        }

        if (string.IsNullOrWhiteSpace(email.From)) failures.Add($"{Section}:Email:From is required: the sender's address.");
        else if (!MailboxAddress.TryParse(email.From, out _)) failures.Add($"{Section}:Email:From is not an email address ('{email.From}').");

        if (email.To.Count == 0 || email.To.All(string.IsNullOrWhiteSpace)) failures.Add($"{Section}:Email:To is required: at least one recipient's address.");
        for (var i = 0; i < email.To.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(email.To[i]) && !EmailAddresses.TryParse(email.To[i], out _))
            {
                failures.Add($"{Section}:Email:To:{i} is not a list of email addresses ('{email.To[i]}').");
            }
        }
    }

    private static void CheckDelivery(List<string> failures, AlertDeliveryOptions delivery)
    {
        if (delivery.MaxRetries is < 0 or > 10) failures.Add($"{Section}:Delivery:MaxRetries must be between 0 and 10 (it is {delivery.MaxRetries}).");
        if (delivery.BaseDelay <= TimeSpan.Zero || delivery.BaseDelay > TimeSpan.FromMinutes(1)) failures.Add($"{Section}:Delivery:BaseDelay must be more than 0 and at most 1 minute (it is {delivery.BaseDelay}).");
        if (delivery.MaxDelay < delivery.BaseDelay || delivery.MaxDelay > TimeSpan.FromMinutes(10)) failures.Add($"{Section}:Delivery:MaxDelay must be at least BaseDelay and at most 10 minutes (it is {delivery.MaxDelay}).");
        if (delivery.AttemptTimeout < TimeSpan.FromMilliseconds(100) || delivery.AttemptTimeout > TimeSpan.FromMinutes(5)) failures.Add($"{Section}:Delivery:AttemptTimeout must be between 100 milliseconds and 5 minutes (it is {delivery.AttemptTimeout}).");
        if (delivery.TotalTimeout < delivery.AttemptTimeout || delivery.TotalTimeout > TimeSpan.FromMinutes(30)) failures.Add($"{Section}:Delivery:TotalTimeout must be at least AttemptTimeout and at most 30 minutes (it is {delivery.TotalTimeout}).");
    }

    // RFC 9110 field names are tokens: letters, digits and !#$%&'*+-.^_`|~.
    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(static c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
