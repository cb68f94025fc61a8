namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>
/// A test service for tests that only read from it or fail against it: the one build.sh started (its
/// <c>PROMPTWATCH_TEST_*</c> variables), else one of this test's own (<see cref="OwnService"/>), stopped on dispose.
/// </summary>
public sealed class SharedService : IDisposable
{
    private readonly OwnService? _own;

    private SharedService(IReadOnlyDictionary<string, string> settings, OwnService? own)
    {
        Settings = settings;
        _own = own;
    }

    /// <summary>The service's <c>PROMPTWATCH_TEST_*</c> settings, as its script writes them to <c>&lt;folder&gt;/env</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>
    /// The service of <c>scripts/<paramref name="name"/>.sh</c>: the shared one when <paramref name="variable"/> is set,
    /// with every variable of <paramref name="prefix"/>, else a new one.
    /// </summary>
    public static async Task<SharedService> StartAsync(string name, string variable, string prefix)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 })
        {
            var settings = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(static key => key, static key => Environment.GetEnvironmentVariable(key)!, StringComparer.Ordinal);
            return new SharedService(settings, null);
        }

        var own = await OwnService.StartAsync(name);
        return new SharedService(own.Settings, own);
    }

    public void Dispose() => _own?.Dispose();
}
