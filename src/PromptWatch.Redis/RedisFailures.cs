using System.Globalization;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>Turns the client's failures into one clear sentence that names the endpoints and the cause, never the password.</summary>
internal static class RedisFailures
{
    private static readonly string[] PassingServerErrors = ["LOADING", "BUSY", "MASTERDOWN", "READONLY", "TRYAGAIN", "CLUSTERDOWN", "OOM", "NOREPLICAS", "MISCONF"];

    /// <summary>Whether <paramref name="exception"/> is a failure of Redis or of the way to it (rather than a bug or a cancellation).</summary>
    public static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>A failure of <paramref name="action"/> (a verb phrase: "increment 'name'").</summary>
    public static PromptWatchException Describe(string action, RedisConnection connection, Exception exception)
    {
        var message = $"Could not {action} in Redis at {connection.Settings.Display}: {Reason(exception, connection)}.";
        // The client's own messages are diagnostic dumps; they are kept as the cause unless one of them holds the password.
        return new PromptWatchException(message, Mentions(exception, connection.Settings.Password) ? null : exception) { IsPermanent = IsPermanent(exception), IsAuthenticationFailure = IsAuthenticationFailure(exception) };
    }

    /// <summary>
    /// Whether the server answered an error that the same command gets again until something is changed: CROSSSLOT (a
    /// Redis Cluster endpoint), a script error, WRONGTYPE. Refused credentials and the errors of a server that is
    /// starting, failing over or short of memory are not: they pass once the server or its settings are right.
    /// </summary>
    public static bool IsPermanent(Exception exception) =>
        Find<RedisServerException>(exception) is { } server
        && !IsAuthenticationFailure(exception)
        && !PassingServerErrors.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The cause of <paramref name="exception"/> as a phrase, without the password.</summary>
    public static string Reason(Exception exception, RedisConnection connection)
    {
        if (IsAuthenticationFailure(exception))
        {
            return "the server refused the credentials (check the password, and the user if one is set, in the Configuration setting)";
        }

        if (Find<RedisTimeoutException>(exception) is not null || exception is TimeoutException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the server did not answer within {connection.Options.OperationTimeout.TotalMilliseconds:0} ms (OperationTimeout)");
        }

        if (Find<RedisConnectionException>(exception) is { } connectionFailure)
        {
            var failureType = InnermostFailureType(exception) ?? connectionFailure.FailureType;
            return failureType switch
            {
                ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection or ConnectionFailureType.SocketFailure or ConnectionFailureType.SocketClosed
                    => $"the server cannot be reached (no connection is open; {failureType}): is it running, and are host and port right? The store reconnects by itself",
                ConnectionFailureType.ConnectionDisposed => "the store has been disposed",
                _ => $"the connection failed ({failureType})",
            };
        }

        if (Find<RedisServerException>(exception) is { } server)
        {
            return "the server answered an error: " + Redact(server.Message.TrimEnd('.'), connection.Settings.Password);
        }

        return exception.GetType().Name + ": " + Redact(exception.Message.TrimEnd('.'), connection.Settings.Password);
    }

    /// <summary>Replaces the password in <paramref name="text"/>.</summary>
    public static string Redact(string text, string? password) =>
        password is { Length: > 0 } ? text.Replace(password, "***", StringComparison.Ordinal) : text;

    private static bool IsAuthenticationFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }) return true;
            if (current is RedisServerException server
                && (server.Message.StartsWith("NOAUTH", StringComparison.Ordinal) || server.Message.StartsWith("WRONGPASS", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static ConnectionFailureType? InnermostFailureType(Exception exception)
    {
        ConnectionFailureType? found = null;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException { FailureType: var type } && type != ConnectionFailureType.None) found = type;
        }

        return found;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found) return found;
        }

        return null;
    }

    private static bool Mentions(Exception exception, string? secret)
    {
        if (secret is not { Length: > 0 }) return false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current.Message.Contains(secret, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
