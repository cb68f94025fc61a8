namespace PromptWatch.GitHub.Hosting;

/// <summary>How processing goes: whether the counter store works, what is waiting. Shown by the health endpoint and check.</summary>
internal sealed class GitHubWebhookStatus
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _storeFailingSince;
    private string? _storeError;
    private long _processed;
    private DateTimeOffset? _lastProcessed;

    public (DateTimeOffset? FailingSince, string? Error, long Processed, DateTimeOffset? LastProcessed) Read()
    {
        lock (_lock) return (_storeFailingSince, _storeError, _processed, _lastProcessed);
    }

    public void StoreFailed(DateTimeOffset now, string reason)
    {
        lock (_lock)
        {
            _storeFailingSince ??= now;
            _storeError = reason;
        }
    }

    public void Processed(DateTimeOffset now)
    {
        lock (_lock)
        {
            _storeFailingSince = null;
            _storeError = null;
            _processed++;
            _lastProcessed = now;
        }
    }
}
