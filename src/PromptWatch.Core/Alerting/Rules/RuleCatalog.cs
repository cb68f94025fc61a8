namespace PromptWatch.Alerting.Rules;

/// <summary>
/// The rules in force: the defaults (when <see cref="AlertingOptions.DefaultRules"/>), those of configuration, and
/// those of the store (created through the API), a stored rule replacing a default or configured one of its name.
/// Deleting a default or configured rule stores it disabled.
/// </summary>
internal sealed class RuleCatalog(AlertingOptions options, IAlertStore store, IReadOnlyList<string> channels)
{
    private readonly Lazy<IReadOnlyDictionary<string, AlertRule>> _builtIn = new(() => BuiltIn(options));

    public IReadOnlyList<string> ChannelNames { get; } = channels;

    /// <summary>The default and configured rules, by name.</summary>
    public IReadOnlyDictionary<string, AlertRule> BuiltInRules => _builtIn.Value;

    public async ValueTask<IReadOnlyList<AlertRule>> GetAsync(CancellationToken cancellationToken)
    {
        var rules = new Dictionary<string, AlertRule>(BuiltInRules, StringComparer.Ordinal);
        foreach (var rule in await store.GetRulesAsync(cancellationToken)) rules[rule.Name] = rule;
        return [.. rules.Values.OrderBy(static r => r.Name, StringComparer.Ordinal)];
    }

    public async ValueTask<AlertRule> SaveAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        AlertRuleValidator.Validate(rule, ChannelNames);
        await store.SaveRuleAsync(rule, cancellationToken);
        return rule;
    }

    public async ValueTask<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (BuiltInRules.TryGetValue(name, out var builtIn))
        {
            await store.SaveRuleAsync(builtIn with { Enabled = false }, cancellationToken);
            return true;
        }

        return await store.DeleteRuleAsync(name, cancellationToken);
    }

    private static Dictionary<string, AlertRule> BuiltIn(AlertingOptions options)
    {
        var rules = new Dictionary<string, AlertRule>(StringComparer.Ordinal);
        if (options.DefaultRules)
        {
            foreach (var rule in DefaultAlertRules.All) rules[rule.Name] = rule;
        }

        foreach (var rule in options.Rules) rules[rule.Name] = rule;
        return rules;
    }
}
