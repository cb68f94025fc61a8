namespace PromptWatch.Model;

/// <summary>What is known of a change's evaluation results.</summary>
public enum EvaluationResultsState
{
    /// <summary>No result store is registered.</summary>
    NotConfigured,

    /// <summary>At least one result file was found.</summary>
    Found,

    /// <summary>Every store was listed and none holds a result for the change.</summary>
    None,

    /// <summary>None was found, but a store could not be listed: there may be results.</summary>
    Unknown,
}
