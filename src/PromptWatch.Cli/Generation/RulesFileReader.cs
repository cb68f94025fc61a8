using System.Text.Json;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Rules;
using PromptWatch.AspNetCore.Api.Alerts;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// Reads <c>--rules</c>: a JSON array of rules in the API's shape (<c>POST api/v1/notifications/rules</c>: snake_case fields, durations in <c>_seconds</c> fields), each
/// validated as the engine validates it; a bad file or rule is a user error naming it.
/// </summary>
internal static class RulesFileReader
{
    public static async Task<IReadOnlyList<AlertRule>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PromptWatchException($"--rules: cannot read {path}: {e.Message}");
        }

        var rules = new List<AlertRule>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new PromptWatchException($"--rules: {path} must hold a JSON array of rules.");
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                AlertRule rule;
                try
                {
                    rule = AlertRuleReader.Read(element);
                    AlertRuleValidator.Validate(rule, rule.Channels.ToList());
                }
                catch (AlertValidationException e)
                {
                    throw new PromptWatchException($"--rules: rule [{index}] of {path}: {e.Message}");
                }

                rules.Add(rule);
                index++;
            }
        }
        catch (JsonException e)
        {
            throw new PromptWatchException($"--rules: {path} is not valid rule JSON: {e.Message}");
        }

        return rules;
    }
}
