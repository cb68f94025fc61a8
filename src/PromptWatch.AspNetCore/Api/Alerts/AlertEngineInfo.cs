using Microsoft.Extensions.Configuration;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>What the settings and status routes tell of the engine beyond <see cref="PromptWatch.Alerting.IAlertManager"/>: never a URL or secret.</summary>
internal sealed class AlertEngineInfo(IConfiguration configuration)
{
    public AlertEngineSettings Settings()
    {
        var section = configuration.GetSection("PromptWatch:Alerting");
        return new AlertEngineSettings(
            section.GetValue("Cooldown", TimeSpan.FromMinutes(15)),
            section.GetValue("MaxNotificationsPerHour", 10),
            section.GetValue("EvaluationInterval", TimeSpan.FromSeconds(15)),
            section.GetValue("DefaultRules", true));
    }

    public AlertEngineStatus Status() => new(configuration is not null, null);
}

/// <summary>The engine's notification limits and evaluation interval.</summary>
internal sealed record AlertEngineSettings(TimeSpan Cooldown, int MaxNotificationsPerHour, TimeSpan EvaluationInterval, bool DefaultRules);

/// <summary>Whether the engine evaluates, and when it last did.</summary>
internal sealed record AlertEngineStatus(bool Running, DateTimeOffset? LastEvaluation);
