using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>Reads the pipeline routes' query parameters; each refusal is a 400 naming the parameter.</summary>
internal static class PipelineQuery
{
    public static readonly string[] BuildParameters = ["page", "per_page", "status", "conclusion", "branch", "workflow", "actor", "event", "created_from", "created_to", "repository"];

    public static bool TryBuilds(IQueryCollection query, out PipelineRunQuery result, out IResult problem)
    {
        result = new PipelineRunQuery();
        if (!TryInt(query, "page", 1, 1, 1_000_000, out var page, out problem)) return false;
        if (!TryInt(query, "per_page", 20, 1, PipelineRunQuery.MaxPerPage, out var perPage, out problem)) return false;
        PipelineStatus? status = null;
        if (Text(query, "status") is { } statusText)
        {
            if (!PipelineNames.TryParseStatus(statusText, out var parsed))
            {
                problem = PipelineProblems.InvalidParameter("status", $"status must be one of {string.Join(", ", Enum.GetValues<PipelineStatus>().Select(PipelineNames.Of))}, not '{statusText}'.");
                return false;
            }

            status = parsed;
        }

        PipelineConclusion? conclusion = null;
        if (Text(query, "conclusion") is { } conclusionText)
        {
            if (!PipelineNames.TryParseConclusion(conclusionText, out var parsed))
            {
                problem = PipelineProblems.InvalidParameter("conclusion", $"conclusion must be one of {string.Join(", ", Enum.GetValues<PipelineConclusion>().Select(PipelineNames.Of))}, not '{conclusionText}'.");
                return false;
            }

            conclusion = parsed;
        }

        if (!TryTime(query, "created_from", out var from, out problem) || !TryTime(query, "created_to", out var to, out problem)) return false;
        if (from is not null && to is not null && from > to)
        {
            problem = PipelineProblems.InvalidParameter("created_from", "created_from must not be later than created_to.");
            return false;
        }

        result = new PipelineRunQuery
        {
            Page = page,
            PerPage = perPage,
            Status = status,
            Conclusion = conclusion,
            Branch = Text(query, "branch"),
            Workflow = Text(query, "workflow"),
            Actor = Text(query, "actor"),
            Event = Text(query, "event"),
            CreatedFrom = from,
            CreatedTo = to,
            Repository = Text(query, "repository"),
        };
        return true;
    }

    public static bool TryLookback(IQueryCollection query, PipelineOptions options, out int days, out IResult problem) =>
        TryInt(query, "lookback_days", options.DefaultLookbackDays, 1, options.RetentionDays, out days, out problem);

    public static bool TryId(string text, string parameter, out long id, out IResult problem)
    {
        problem = TypedResults.Empty;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0) return true;
        problem = PipelineProblems.InvalidParameter(parameter, $"{parameter} must be a positive whole number, not '{text}'.");
        return false;
    }

    public static bool TryInt(IQueryCollection query, string name, int fallback, int min, int max, out int value, out IResult problem)
    {
        problem = TypedResults.Empty;
        value = fallback;
        if (Text(query, name) is not { } text) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        problem = PipelineProblems.InvalidParameter(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}, not '{text}'."));
        return false;
    }

    public static bool TryBool(IQueryCollection query, string name, out bool value, out IResult problem)
    {
        problem = TypedResults.Empty;
        value = false;
        if (Text(query, name) is not { } text) return true;
        if (bool.TryParse(text, out value)) return true;
        problem = PipelineProblems.InvalidParameter(name, $"{name} must be true or false, not '{text}'.");
        return false;
    }

    public static string? Text(IQueryCollection query, string name) => query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? value, out IResult problem)
    {
        problem = TypedResults.Empty;
        value = null;
        if (Text(query, name) is not { } text) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = PipelineProblems.InvalidParameter(name, $"{name} must be a date and time (ISO 8601), not '{text}'.");
        return false;
    }
}
