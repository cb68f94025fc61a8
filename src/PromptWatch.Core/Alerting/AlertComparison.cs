namespace PromptWatch.Alerting;

/// <summary>How a metric rule compares the measured value with its threshold.</summary>
public enum AlertComparison
{
    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>Greater than or equal.</summary>
    Ge,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>Less than or equal.</summary>
    Le,

    /// <summary>Equal.</summary>
    Eq,

    /// <summary>Not equal.</summary>
    Ne,
}
