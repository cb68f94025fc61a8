using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Model;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The filters and paging of <c>GET api/changes</c>.</summary>
internal sealed record ChangesQuery(string? Environment, string? UseCase, bool? Enabled, string? Text, string? Repository, int? Limit, string? Cursor)
{
    public bool Paged => Limit is not null || Cursor is not null;

    public bool Filtered => Environment is not null || UseCase is not null || Enabled is not null || Text is not null || Repository is not null;

    /// <summary>Reads the query string; returns an error text for a bad value.</summary>
    public static (ChangesQuery? Query, string? Error) Parse(IQueryCollection query, int maxPageSize)
    {
        bool? enabled;
        switch (Single(query, "status")?.ToLowerInvariant())
        {
            case null or "all": enabled = null; break;
            case "enabled": enabled = true; break;
            case "disabled": enabled = false; break;
            default: return (null, "status must be 'enabled', 'disabled' or 'all'.");
        }

        int? limit = null;
        var limitText = Single(query, "limit");
        if (limitText is not null)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > maxPageSize)
            {
                return (null, $"limit must be a whole number from 1 to {maxPageSize}.");
            }

            limit = value;
        }

        return (new ChangesQuery(
            Single(query, "env"),
            Single(query, "usecase"),
            enabled,
            Single(query, "q"),
            Single(query, "repository"),
            limit,
            Single(query, "cursor")), null);
    }

    public bool Matches(TimelineEntry entry)
    {
        var change = entry.Change;
        if (Environment is not null && !string.Equals(change.Environment, Environment, StringComparison.OrdinalIgnoreCase)) return false;
        if (UseCase is not null && !string.Equals(change.UseCase, UseCase, StringComparison.OrdinalIgnoreCase)) return false;
        if (Repository is not null && !string.Equals(entry.Repository, Repository, StringComparison.OrdinalIgnoreCase)) return false;
        if (Enabled is { } enabled && (change.Kind == ChangeKind.Error || change.DisplayState?.Enabled != enabled)) return false;
        if (Text is not null)
        {
            var prompt = change.DisplayState?.Prompt;
            var found = (prompt is not null && prompt.Contains(Text, StringComparison.OrdinalIgnoreCase))
                || change.Commit.Message.Contains(Text, StringComparison.OrdinalIgnoreCase)
                || (change.UseCase?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false);
            if (!found) return false;
        }

        return true;
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        var value = values.Count == 0 ? null : values[^1];
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
