using System.Text;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>A real repository with values files, and commits that change use cases in them.</summary>
public sealed class WatchedRepository : IDisposable
{
    private readonly Dictionary<string, Dictionary<string, string>> _files = new(StringComparer.Ordinal);
    private DateTimeOffset _clock = new(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(2));

    /// <summary>
    /// Creates the repository with both values files in its first commit, so that neither is later taken
    /// for a copy of the other (as <c>git log --follow</c> would).
    /// </summary>
    public WatchedRepository()
    {
        Repository = TestRepository.Create();
        foreach (var environment in new[] { "test", "prod" })
        {
            var file = $"chart/values-{environment}.yaml";
            _files[file] = new(StringComparer.Ordinal) { [""] = $"# {environment}\nimage:\n  tag: \"1.0.0\"\n" };
            Repository.WriteFile(file, _files[file][""]);
        }

        Repository.Commit("Add the chart", GitSignature.At(_clock));
    }

    public TestRepository Repository { get; }

    public string Path => Repository.Path;

    /// <summary>Sets a use case's block in an environment's values file and commits (as the test author unless <paramref name="author"/> says who).</summary>
    public string Set(string environment, string useCase, string model, string prompt, bool enabled = true, double temperature = 0.5, string? message = null, (string Name, string Email)? author = null) =>
        SetIn([environment], useCase, model, prompt, enabled, temperature, message, author);

    /// <summary>Sets a use case's block in several environments' values files in one commit.</summary>
    public string SetIn(string[] environments, string useCase, string model, string prompt, bool enabled = true, double temperature = 0.5, string? message = null, (string Name, string Email)? author = null)
    {
        ArgumentNullException.ThrowIfNull(environments);
        foreach (var environment in environments) Write(environment, useCase, model, prompt, enabled, temperature);
        _clock = _clock.AddHours(1);
        var signature = author is { } who ? new GitSignature(who.Name, who.Email, _clock) : GitSignature.At(_clock);
        return Repository.Commit(message ?? $"{useCase}: update {string.Join(" and ", environments)}", signature);
    }

    private void Write(string environment, string useCase, string model, string prompt, bool enabled, double temperature)
    {
        var file = $"chart/values-{environment}.yaml";
        if (!_files.TryGetValue(file, out var blocks)) _files[file] = blocks = new(StringComparer.Ordinal);
        var yaml = new StringBuilder();
        yaml.Append(useCase).Append(":\n");
        yaml.Append("  enabled: ").Append(enabled ? "true" : "false").Append('\n');
        yaml.Append("  model: ").Append(model).Append('\n');
        yaml.Append("  temperature: ").Append(temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("  prompt: |\n");
        foreach (var line in prompt.Split('\n')) yaml.Append("    ").Append(line).Append('\n');
        blocks[useCase] = yaml.ToString();
        Repository.WriteFile(file, string.Join('\n', blocks.Values));
    }

    /// <summary>Removes a use case's block from an environment's values file and commits.</summary>
    public string Remove(string environment, string useCase, string? message = null)
    {
        var file = $"chart/values-{environment}.yaml";
        _files[file].Remove(useCase);
        Repository.WriteFile(file, string.Join('\n', _files[file].Values));
        _clock = _clock.AddHours(1);
        return Repository.Commit(message ?? $"{useCase}: remove from {environment}", GitSignature.At(_clock));
    }

    /// <summary>When the next commit of <see cref="Set"/> or <see cref="Remove"/> is made (an hour after the last).</summary>
    public DateTimeOffset NextCommitAt => _clock.AddHours(1);

    public void Dispose() => Repository.Dispose();
}
