namespace PromptWatch.Alerting;

/// <summary>
/// A rule, silence or action that is not valid: <see cref="Field"/> names the field (as the API's JSON spells it, for
/// example <c>metric.threshold</c>) and the message says what is wrong. Nothing was stored.
/// </summary>
public sealed class AlertValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlertValidationException()
        : this("alert", "The input is not valid.")
    {
    }

    /// <summary>Creates the exception with a message about the input as a whole.</summary>
    /// <param name="message">What is wrong.</param>
    public AlertValidationException(string message)
        : this("alert", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AlertValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Field = "alert";
    }

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="field">The field, as the API's JSON spells it.</param>
    /// <param name="message">What is wrong, a sentence that names the field and never repeats a secret.</param>
    public AlertValidationException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The field that is not valid.</summary>
    public string Field { get; }
}
