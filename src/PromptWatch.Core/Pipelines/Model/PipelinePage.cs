namespace PromptWatch.Pipelines;

/// <summary>One page of a longer list.</summary>
/// <typeparam name="T">The item.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PerPage">Items per page.</param>
/// <param name="TotalCount">How many items all pages hold.</param>
public sealed record PipelinePage<T>(IReadOnlyList<T> Items, int Page, int PerPage, int TotalCount);
