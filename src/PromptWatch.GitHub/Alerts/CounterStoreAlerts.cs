using PromptWatch.Alerting;
using PromptWatch.Counters;

namespace PromptWatch.GitHub.Alerts;

/// <summary>
/// Publishes <see cref="AlertEventKinds.CounterStoreFailing"/> (label <c>store</c>: the store's kind, <c>memory</c>,
/// <c>redis</c>...) each time a counter-store call of the webhook processing or the activity endpoints fails, and one
/// clearing event on the first success after a failure (not on every success). Nothing without an
/// <see cref="IAlertEventPublisher"/>. Summaries never hold the error's text (it may hold an address).
/// </summary>
internal sealed class CounterStoreAlerts
{
    private readonly IAlertEventPublisher? _publisher;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, string> _labels;
    private readonly Lock _lock = new();
    private bool _failing;

    public CounterStoreAlerts(ICounterStore store, TimeProvider timeProvider, IAlertEventPublisher? publisher)
    {
        _publisher = publisher;
        _timeProvider = timeProvider;
        Store = KindOf(store);
        _labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["store"] = Store };
    }

    /// <summary>The store's kind: <c>memory</c> for the in-memory store, else its type's name without <c>CounterStore</c>, in lower case.</summary>
    public string Store { get; }

    /// <summary>A call failed.</summary>
    public void Failed()
    {
        if (_publisher is null) return;
        lock (_lock)
        {
            _failing = true;
            Publish($"The counter store ({Store}) failed; see the GitHub health endpoint.", clears: false);
        }
    }

    /// <summary>A call succeeded: clears the alert when the last call had failed.</summary>
    public void Succeeded()
    {
        if (_publisher is null || !Volatile.Read(ref _failing)) return;
        lock (_lock)
        {
            if (!_failing) return;
            _failing = false;
            Publish($"The counter store ({Store}) answers again.", clears: true);
        }
    }

    private void Publish(string summary, bool clears) =>
        _publisher!.Publish(new AlertEvent(AlertEventKinds.CounterStoreFailing, new Dictionary<string, string>(_labels, StringComparer.Ordinal), summary, _timeProvider.GetUtcNow()) { Clears = clears });

    private static string KindOf(ICounterStore store)
    {
        if (store is InMemoryCounterStore) return "memory";
        var name = store.GetType().Name;
        const string Suffix = "CounterStore";
        if (name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length) name = name[..^Suffix.Length];
        return name.ToLowerInvariant();
    }
}
