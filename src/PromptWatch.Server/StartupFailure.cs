using Microsoft.Extensions.Options;

namespace PromptWatch.Server;

/// <summary>
/// A setting that stops the sample at start: run as a process, it ends with its message on standard error and exit
/// code 1, without a stack trace. A host that runs the entry point itself (a test factory) sees the exception as thrown.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Reports a setting failure that leaves the entry point as the process's only message, and exits with 1.</summary>
    public static void ExitOnSettingFailures() => AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
    {
        if (e.ExceptionObject is not Exception exception || Describe(exception) is not { } message) return;
        Console.Error.WriteLine("PromptWatch cannot start: " + message);
        Console.Error.Flush();
        Environment.Exit(1);
    };

    /// <summary>The message of a setting failure (every failure of every option class, one after another); <see langword="null"/> for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        SettingException setting => setting.Message,
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException { InnerExceptions.Count: > 0 } aggregate when aggregate.InnerExceptions.All(static e => Describe(e) is not null) =>
            string.Join(" ", aggregate.InnerExceptions.Select(static e => Describe(e))),
        _ => null,
    };
}

/// <summary>A flat setting that cannot be read; the message names the variable.</summary>
internal sealed class SettingException(string message, Exception innerException) : Exception(message, innerException);
