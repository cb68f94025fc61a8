using System.Globalization;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Hosting;

/// <summary>Validates <see cref="AlertingOptions"/> on start; each message names the setting's key.</summary>
internal sealed class AlertingOptionsValidator(IEnumerable<IAlertChannel> channels) : IValidateOptions<AlertingOptions>
{
    private const string Prefix = AlertingOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.EvaluationInterval < TimeSpan.FromSeconds(1) || options.EvaluationInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}EvaluationInterval must be from 1 second to 1 hour (it is {options.EvaluationInterval}).");
        }

        if (options.Cooldown < TimeSpan.Zero || options.Cooldown > TimeSpan.FromHours(24)) failures.Add($"{Prefix}Cooldown must be from 0 to 24 hours (it is {options.Cooldown}).");
        if (options.MaxNotificationsPerHour is < 1 or > AlertRuleValidator.MaxNotificationsPerHour)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}MaxNotificationsPerHour must be from 1 to {AlertRuleValidator.MaxNotificationsPerHour} (it is {options.MaxNotificationsPerHour})."));
        }

        if (options.DashboardUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))) failures.Add($"{Prefix}DashboardUrl must be an absolute http or https address.");
        if (options.EventQueueCapacity is < 16 or > 1_000_000) failures.Add($"{Prefix}EventQueueCapacity must be from 16 to 1000000.");
        if (options.ChannelQueueCapacity is < 1 or > 100_000) failures.Add($"{Prefix}ChannelQueueCapacity must be from 1 to 100000.");
        if (options.MaxSeriesPerRule is < 1 or > 100_000) failures.Add($"{Prefix}MaxSeriesPerRule must be from 1 to 100000.");
        if (options.UnevaluatedChangeLookBack < TimeSpan.FromHours(1) || options.UnevaluatedChangeLookBack > TimeSpan.FromDays(90))
        {
            failures.Add($"{Prefix}UnevaluatedChangeLookBack must be from 1 hour to 90 days (it is {options.UnevaluatedChangeLookBack}).");
        }

        if (options.EvaluationGracePeriod < TimeSpan.Zero || options.EvaluationGracePeriod >= options.UnevaluatedChangeLookBack)
        {
            failures.Add($"{Prefix}EvaluationGracePeriod must be from 0 to less than {Prefix}UnevaluatedChangeLookBack (it is {options.EvaluationGracePeriod}).");
        }

        for (var i = 0; i < options.ProdEnvironments.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ProdEnvironments[i])) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}ProdEnvironments:{i} must name an environment."));
        }

        var names = channels.Select(static c => c.Name).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{Prefix}Rules:{i}");
            try
            {
                AlertRuleValidator.Validate(options.Rules[i], names);
                if (!seen.Add(options.Rules[i].Name)) failures.Add($"{key}:Name '{options.Rules[i].Name}' is used by another configured rule.");
            }
            catch (AlertValidationException e)
            {
                failures.Add($"{key} ({e.Field}): {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
