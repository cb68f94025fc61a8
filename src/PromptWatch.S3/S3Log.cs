using Microsoft.Extensions.Logging;

namespace PromptWatch.S3;

/// <summary>The S3 stores' log messages.</summary>
internal static partial class S3Log
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "TLS certificates of {Endpoint} are not verified (VerifyTls is off): anyone between this host and the endpoint can read and change results; set CaBundlePath instead")]
    public static partial void TlsVerificationOff(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "{Store} holds more than {MaxListedObjects} objects; only that many were listed (raise MaxListedObjects to list them all)")]
    public static partial void ListingCapped(ILogger logger, string store, int maxListedObjects);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Listed {Objects} objects of {Store} ({Results} result files) in {ElapsedMs:F1} ms")]
    public static partial void Listed(ILogger logger, int objects, string store, int results, double elapsedMs);
}
