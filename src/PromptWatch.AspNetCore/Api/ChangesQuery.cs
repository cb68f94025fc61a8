using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Model;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The filters and paging of <c>GET api/changes</c>.</summary>
internal sealed record ChangesQuery(string? Environment, string? UseCase, bool? Enabled, string? Text, string? Repository, int? Limit, string? Cursor, string? Model = null, string? Author = null)
{
    public bool Paged => Limit is not null || Cursor is not null;

    public bool Filtered => Environment is not null || UseCase is not null || Enabled is not null || Text is not null || Repository is not null || Model is not null || Author is not null;

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
            Single(query, "cursor"),
            Single(query, "model"),
            Single(query, "author")), null);
    }

    public bool Matches(TimelineEntry entry)
    {
        var change = entry.Change;
        if (Environment is not null && !string.Equals(change.Environment, Environment, StringComparison.OrdinalIgnoreCase)) return false;
        if (UseCase is not null && !string.Equals(change.UseCase, UseCase, StringComparison.OrdinalIgnoreCase)) return false;
        if (Repository is not null && !string.Equals(entry.Repository, Repository, StringComparison.OrdinalIgnoreCase)) return false;
        if (Model is not null && !string.Equals(change.DisplayState?.Model, Model, StringComparison.OrdinalIgnoreCase)) return false;
        if (Author is not null
            && !string.Equals(change.Commit.AuthorName, Author, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(change.Commit.AuthorEmail, Author, StringComparison.OrdinalIgnoreCase)) return false;
        if (Enabled is { } enabled && (change.Kind == ChangeKind.Error || change.DisplayState?.Enabled != enabled)) return false;
        return Text is null || Contains(change, Text);
    }

    /// <summary>Whether the text is in the model, the author, the use case, the prompt, the message or the commit sha.</summary>
    private static bool Contains(ChangeEntry change, string text)
    {
        static bool In(string? value, string text) => value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase);

        var state = change.DisplayState;
        var commit = change.Commit;
        return In(state?.Model, text)
            || In(commit.AuthorName, text)
            || In(commit.AuthorEmail, text)
            || In(change.UseCase, text)
            || In(state?.Prompt, text)
            || In(commit.Message, text)
            || commit.Sha.StartsWith(text, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        var value = values.Count == 0 ? null : values[^1];
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
