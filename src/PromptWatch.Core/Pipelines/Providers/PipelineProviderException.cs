namespace PromptWatch.Pipelines;

/// <summary>
/// A provider refused or failed a call. The message says what the provider refused, safe to show: it never contains
/// a token.
/// </summary>
public sealed class PipelineProviderException : PromptWatchException
{
    /// <summary>Creates the exception (an unreachable provider).</summary>
    public PipelineProviderException()
    {
    }

    /// <summary>Creates the exception with a message (an unreachable provider).</summary>
    /// <param name="message">What went wrong, safe to show.</param>
    public PipelineProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (an unreachable provider).</summary>
    /// <param name="message">What went wrong, safe to show.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineProviderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">What the provider refused.</param>
    /// <param name="message">What went wrong, safe to show.</param>
    /// <param name="retryAfter">When to try again, for <see cref="PipelineProviderFailure.RateLimited"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PipelineProviderException(PipelineProviderFailure failure, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    /// <summary>What the provider refused.</summary>
    public PipelineProviderFailure Failure { get; } = PipelineProviderFailure.Unreachable;

    /// <summary>When to try again, if the provider said.</summary>
    public TimeSpan? RetryAfter { get; }
}
