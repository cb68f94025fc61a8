using Microsoft.Extensions.Logging;

namespace PromptWatch.Redis;

/// <summary>The log messages of the package's Redis connection and stores. None carries the password or the configuration string.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Connecting to Redis at {Endpoints} (counter key prefix '{KeyPrefix}'; the alert and pipeline stores keep their own)")]
    public static partial void Connecting(ILogger logger, string endpoints, string keyPrefix);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "The connection to Redis at {Endpoints} failed ({FailureType}); counter, alert and pipeline store operations fail until it is back, it reconnects by itself")]
    public static partial void ConnectionFailed(ILogger logger, string endpoints, string failureType);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "The connection to Redis at {Endpoints} is back")]
    public static partial void ConnectionRestored(ILogger logger, string endpoints);
}
