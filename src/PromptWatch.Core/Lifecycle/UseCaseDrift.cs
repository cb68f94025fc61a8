using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>One use case compared across two environments.</summary>
/// <param name="UseCase">The use case.</param>
/// <param name="Left">Its current version in the first environment of the pair.</param>
/// <param name="Right">Its current version in the second environment of the pair.</param>
/// <param name="DifferingFields">The fields whose values differ (every field of the present side when the other lacks the use case); empty when equal.</param>
/// <param name="PromptDiff">The prompt's diff from <paramref name="Left"/> to <paramref name="Right"/>, when the prompts differ.</param>
/// <param name="Lag">How far the older side lags, when they differ.</param>
/// <param name="LeadTime">How long versions took from their first appearance on the left to their appearance on the right (promotions), when any was promoted.</param>
public sealed record UseCaseDrift(string UseCase, DriftSide Left, DriftSide Right, ImmutableArray<string> DifferingFields, PromptDiff? PromptDiff, DriftLag? Lag, LeadTime? LeadTime)
{
    /// <summary>Whether both environments have the same settings now (both lacking the use case counts as equal).</summary>
    public bool Equal => DifferingFields.IsEmpty;
}
