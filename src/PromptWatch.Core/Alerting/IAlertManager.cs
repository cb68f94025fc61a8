namespace PromptWatch.Alerting;

/// <summary>
/// The alerting engine as hosts and endpoints use it: rules, alerts and their lifecycle, silences, history,
/// statistics and channels. Every method that takes user input validates it and throws
/// <see cref="AlertValidationException"/> naming the field, storing nothing.
/// </summary>
public interface IAlertManager
{
    /// <summary>The rules in force: the defaults, those from configuration and those created through the API.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The rules, by name.</returns>
    ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a rule after validating it (instrument known, filters linear, channels configured...).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The stored rule.</returns>
    /// <exception cref="AlertValidationException">The rule is not valid; nothing was stored.</exception>
    ValueTask<AlertRule> SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rule created through the API, or disables a default or configured one.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Whether there was such a rule.</returns>
    ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The alerts matching a query, newest first.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alerts.</returns>
    ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>One alert.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alert, or <see langword="null"/>.</returns>
    ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a firing (or suppressed) alert.</summary>
    /// <param name="id">The alert.</param>
    /// <param name="by">Who.</param>
    /// <param name="comment">Why, if given.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alert after the transition, or <see langword="null"/> when there is no such alert.</returns>
    /// <exception cref="AlertValidationException">The alert is pending or resolved (field <c>state</c>).</exception>
    ValueTask<Alert?> AcknowledgeAsync(string id, string by, string? comment, CancellationToken cancellationToken = default);

    /// <summary>Resolves an alert by hand.</summary>
    /// <param name="id">The alert.</param>
    /// <param name="by">Who.</param>
    /// <param name="comment">Why, if given.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alert after the transition, or <see langword="null"/> when there is no such alert.</returns>
    /// <exception cref="AlertValidationException">The alert is already resolved (field <c>state</c>).</exception>
    ValueTask<Alert?> ResolveAsync(string id, string by, string? comment, CancellationToken cancellationToken = default);

    /// <summary>The silences, active and expired.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The silences.</returns>
    ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a silence (its id is assigned).</summary>
    /// <param name="matchers">What it matches (at least one).</param>
    /// <param name="startsAt">When it starts; now when <see langword="null"/>.</param>
    /// <param name="endsAt">When it ends (after the start).</param>
    /// <param name="createdBy">Who.</param>
    /// <param name="comment">Why.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The silence.</returns>
    /// <exception cref="AlertValidationException">A matcher or the times are not valid.</exception>
    ValueTask<Silence> CreateSilenceAsync(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset? startsAt, DateTimeOffset endsAt, string createdBy, string comment, CancellationToken cancellationToken = default);

    /// <summary>Ends a silence now.</summary>
    /// <param name="id">The silence.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The silence after expiry, or <see langword="null"/> when there is no such silence.</returns>
    ValueTask<Silence?> ExpireSilenceAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>History entries, newest first.</summary>
    /// <param name="query">Which.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts and mean times per rule and per severity.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The statistics.</returns>
    ValueTask<AlertStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Evaluates every metric rule now (besides the interval) and returns what changed.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The evaluation's outcome.</returns>
    ValueTask<AlertEvaluation> EvaluateAsync(CancellationToken cancellationToken = default);

    /// <summary>The channels notifications can go to, by name, in registration order.</summary>
    IReadOnlyList<string> Channels { get; }

    /// <summary>When the metric rules were last evaluated (by the interval or <see cref="EvaluateAsync"/>); <see langword="null"/> before the first evaluation, or when the implementation does not track it.</summary>
    DateTimeOffset? LastEvaluation => null;

    /// <summary>Sends a test notification (or the given message) to one channel now, bypassing cooldowns and caps.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <param name="title">The message's title; a standard test text when <see langword="null"/>.</param>
    /// <param name="text">The message's text; a standard test text when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>How the send went (the error without secrets).</returns>
    /// <exception cref="AlertValidationException">No channel has that name (field <c>channel</c>).</exception>
    ValueTask<ChannelSendResult> SendTestAsync(string channel, string? title, string? text, CancellationToken cancellationToken = default);
}

/// <summary>Filters for <see cref="IAlertManager.GetAlertsAsync"/>; <see langword="null"/> matches all.</summary>
/// <param name="State">Only alerts in this state.</param>
/// <param name="Severity">Only alerts of this severity.</param>
/// <param name="Rule">Only alerts of this rule.</param>
/// <param name="Limit">The most alerts to return.</param>
public sealed record AlertQuery(AlertState? State = null, AlertSeverity? Severity = null, string? Rule = null, int Limit = 200);

/// <summary>What one evaluation did.</summary>
/// <param name="At">When it ran.</param>
/// <param name="RulesEvaluated">How many metric rules were evaluated.</param>
/// <param name="Changed">The alerts that changed state.</param>
public sealed record AlertEvaluation(DateTimeOffset At, int RulesEvaluated, IReadOnlyList<Alert> Changed);

/// <summary>How a send to one channel went.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Succeeded">Whether it was accepted.</param>
/// <param name="Error">What went wrong, without secrets.</param>
public sealed record ChannelSendResult(string Channel, bool Succeeded, string? Error);

/// <summary>Alert statistics over the kept history.</summary>
/// <param name="Rules">Per rule.</param>
/// <param name="Severities">Per severity.</param>
public sealed record AlertStatistics(IReadOnlyList<AlertRuleStatistics> Rules, IReadOnlyList<AlertSeverityStatistics> Severities);

/// <summary>Statistics of one rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Fired">How many alerts fired.</param>
/// <param name="Resolved">How many resolved.</param>
/// <param name="Open">How many are firing, acknowledged or suppressed now.</param>
/// <param name="MeanTimeToAcknowledge">The mean time from firing to acknowledgement, if any were acknowledged.</param>
/// <param name="MeanTimeToResolve">The mean time from firing to resolution, if any resolved.</param>
public sealed record AlertRuleStatistics(string Rule, int Fired, int Resolved, int Open, TimeSpan? MeanTimeToAcknowledge, TimeSpan? MeanTimeToResolve);

/// <summary>Statistics of one severity.</summary>
/// <param name="Severity">The severity.</param>
/// <param name="Fired">How many alerts fired.</param>
/// <param name="Resolved">How many resolved.</param>
/// <param name="Open">How many are firing, acknowledged or suppressed now.</param>
/// <param name="MeanTimeToAcknowledge">The mean time from firing to acknowledgement, if any were acknowledged.</param>
/// <param name="MeanTimeToResolve">The mean time from firing to resolution, if any resolved.</param>
public sealed record AlertSeverityStatistics(AlertSeverity Severity, int Fired, int Resolved, int Open, TimeSpan? MeanTimeToAcknowledge, TimeSpan? MeanTimeToResolve);
