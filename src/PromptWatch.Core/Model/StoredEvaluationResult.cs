using PromptWatch.Results;

namespace PromptWatch.Model;

/// <summary>A result file and the store it is in.</summary>
/// <param name="StoreIndex">The position of the store among the registered <see cref="IEvaluationResultStore"/>s.</param>
/// <param name="Store">The store.</param>
/// <param name="Result">The file.</param>
public sealed record StoredEvaluationResult(int StoreIndex, IEvaluationResultStore Store, EvaluationResult Result);
