using Microsoft.Extensions.Configuration;
using PromptWatch.Results;

namespace PromptWatch.Cli.Gate;

/// <summary>
/// The settings <c>check</c> shares with <c>promptwatch server</c>: the <c>PromptWatch</c> section from the environment
/// (<c>PromptWatch__ResultPatterns__0__Pattern</c>, <c>PromptWatch__S3__Endpoint</c>...) and from <c>--config</c>, a
/// JSON file of the <c>appsettings.json</c> sections that wins over the environment's, as the server reads it. The
/// result layout is the server's: <c>PromptWatch:ResultPatterns</c>, validated as the server validates it, or the
/// default layout without patterns.
/// </summary>
internal sealed class GateSettings
{
    private const string PatternsKey = "PromptWatch:ResultPatterns";
    private readonly IConfiguration _configuration;

    private GateSettings(IConfiguration configuration) => _configuration = configuration;

    /// <exception cref="PromptWatchException">The file is missing or is not JSON.</exception>
    public static GateSettings Load(FileInfo? config)
    {
        if (config is not null && !config.Exists) throw new PromptWatchException($"--config {config.FullName}: no such file.");
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (config is not null) builder.AddJsonFile(config.FullName, optional: false, reloadOnChange: false);
        try
        {
            return new GateSettings(builder.Build());
        }
        catch (InvalidDataException e)
        {
            throw new PromptWatchException($"--config {config?.FullName}: {e.Message}");
        }
    }

    /// <summary>A setting of the <c>PromptWatch:S3</c> section, or <see langword="null"/> when it is not set.</summary>
    public string? S3(string key) => _configuration["PromptWatch:S3:" + key] is { Length: > 0 } value ? value : null;

    /// <summary>The layout of <c>PromptWatch:ResultPatterns</c>, or <see cref="EvaluationResultLayout.Default"/> without patterns.</summary>
    /// <exception cref="PromptWatchException">A pattern is invalid; the message names its key, as the server's start does.</exception>
    public EvaluationResultLayout Layout()
    {
        List<EvaluationResultPattern>? patterns;
        try
        {
            patterns = _configuration.GetSection(PatternsKey).Get<List<EvaluationResultPattern>>();
        }
        catch (InvalidOperationException e)
        {
            throw new PromptWatchException($"{PatternsKey}: {e.Message}");
        }

        if (patterns is not { Count: > 0 }) return EvaluationResultLayout.Default;
        var problems = patterns.Select(static (p, i) => EvaluationResultLayout.Check(p) is { } problem ? $"{PatternsKey}:{i}: {problem}" : null).OfType<string>().ToList();
        if (problems.Count > 0) throw new PromptWatchException(string.Join(" ", problems));
        return new EvaluationResultLayout(patterns);
    }
}
