namespace PromptWatch;

/// <summary>
/// A failure a user can act on (a missing repository or branch, wrong credentials, an unreachable
/// server). Its message is one sentence, safe to show: it never contains a secret.
/// </summary>
public class PromptWatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PromptWatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, safe to show.</param>
    public PromptWatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong, safe to show.</param>
    /// <param name="innerException">The cause. Its message may be technical; it is not shown to users.</param>
    public PromptWatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether trying the same operation again fails the same way until something is changed (a Redis Cluster
    /// endpoint's CROSSSLOT, a script error), rather than once a server is back (unreachable, timed out). The webhook
    /// processor dead-letters a delivery after a few such failures instead of retrying it for ever.
    /// </summary>
    public bool IsPermanent { get; init; }

    /// <summary>Whether the dependency refused the credentials (HTTP 401/403, Git authentication, Redis NOAUTH/WRONGPASS, S3 AccessDenied).</summary>
    internal bool IsAuthenticationFailure { get; init; }
}
