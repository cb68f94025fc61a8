using PromptWatch.Alerting;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>Waits for the engine's alerts of a rule with a generous bound (a busy machine), never a fixed sleep.</summary>
internal static class AlertWait
{
    public static async Task<IReadOnlyList<Alert>> ForAsync(IAlertManager manager, AlertState state, string rule, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var alerts = await manager.GetAlertsAsync(new AlertQuery(State: state, Rule: rule));
            if (alerts.Count == count) return alerts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {count} {state} alerts of {rule} (there are {alerts.Count}).");
            await Task.Delay(20);
        }
    }
}
