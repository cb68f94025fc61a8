using Microsoft.Extensions.Options;

namespace PromptWatch.Hosting;

/// <summary>Checks <see cref="PromptWatchOptions"/> when the host starts, so a bad setting stops the host with a clear message.</summary>
internal sealed class PromptWatchOptionsValidator : IValidateOptions<PromptWatchOptions>
{
    public ValidateOptionsResult Validate(string? name, PromptWatchOptions options)
    {
        var failures = new List<string>();
        if (options.Repositories.Count == 0 && !options.AllowNoRepositories)
        {
            failures.Add($"No repository is configured: set {PromptWatchOptions.SectionName}:Repositories:0:Location (a path or URL), or add one in AddPromptWatch(options => ...).");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1)) failures.Add($"{PromptWatchOptions.SectionName}:PollInterval must be at least one second (it is {options.PollInterval}).");
        if (options.ResultsRefreshInterval < TimeSpan.FromSeconds(1)) failures.Add($"{PromptWatchOptions.SectionName}:ResultsRefreshInterval must be at least one second.");
        if (options.ResultsMaxBackoff < options.ResultsRefreshInterval) failures.Add($"{PromptWatchOptions.SectionName}:ResultsMaxBackoff must not be shorter than ResultsRefreshInterval.");
        for (var i = 0; i < options.ResultPatterns.Count; i++)
        {
            if (Results.EvaluationResultLayout.Check(options.ResultPatterns[i]) is { } problem) failures.Add($"{PromptWatchOptions.SectionName}:ResultPatterns:{i}: {problem}");
        }

        if (options.MaxFileBytes < 1) failures.Add($"{PromptWatchOptions.SectionName}:MaxFileBytes must be positive (it is {options.MaxFileBytes}).");
        failures.AddRange(options.Git.Validate(PromptWatchOptions.SectionName + ":Git"));
        if (options.MaxScoreFileBytes < 1) failures.Add($"{PromptWatchOptions.SectionName}:MaxScoreFileBytes must be positive (it is {options.MaxScoreFileBytes}).");
        if (options.ScoreRegressionDrop is { } drop && !(drop >= 0 && double.IsFinite(drop))) failures.Add($"{PromptWatchOptions.SectionName}:ScoreRegressionDrop must be zero or more (it is {drop.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        if (options.ScoreRegressionRelativeDrop is { } relative && !(relative >= 0 && double.IsFinite(relative))) failures.Add($"{PromptWatchOptions.SectionName}:ScoreRegressionRelativeDrop must be zero or more, 0.05 for 5 % (it is {relative.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        if (options.StaleAfterIntervals < 1) failures.Add($"{PromptWatchOptions.SectionName}:StaleAfterIntervals must be at least 1 (it is {options.StaleAfterIntervals}).");

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            var repository = options.Repositories[i];
            var where = $"{PromptWatchOptions.SectionName}:Repositories:{i}";
            if (string.IsNullOrWhiteSpace(repository.Location))
            {
                failures.Add($"{where}:Location is empty: name a path or a URL.");
                continue;
            }

            if (!names.Add(repository.EffectiveName)) failures.Add($"{where}: the name '{repository.EffectiveName}' is used twice; set a distinct Name.");
            if (repository.EffectiveName.Any(static c => char.IsControl(c) || c is '/' or '?' or '#')) failures.Add($"{where}:Name may not contain '/', '?', '#' or control characters.");
            if (repository.PollInterval is { } interval && interval < TimeSpan.FromSeconds(1)) failures.Add($"{where}:PollInterval must be at least one second.");
            if (!string.IsNullOrEmpty(repository.Password) && string.IsNullOrEmpty(repository.Username)) failures.Add($"{where}: a Password is set without a Username.");
            if (Repositories.RemoteLocation.IsUrl(repository.Location))
            {
                if (Repositories.RemoteLocation.HasUnparsableCredentials(repository.Location))
                {
                    failures.Add($"{where}:Location {Repositories.RemoteLocation.UnparsableCredentials}.");
                }
                else if (Repositories.RemoteLocation.Parse(repository.Location).EmbeddedCredentials is not null
                    && (!string.IsNullOrEmpty(repository.Username) || !string.IsNullOrEmpty(repository.Password)))
                {
                    failures.Add($"{where}:Location has credentials and {where}:Username/Password are set too: keep one of them.");
                }
            }

            foreach (var (path, environment) in repository.Files)
            {
                if (string.IsNullOrWhiteSpace(path) || string.IsNullOrWhiteSpace(environment)) failures.Add($"{where}:Files: every entry needs a path and an environment name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
