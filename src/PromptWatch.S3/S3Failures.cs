using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;
using Minio.Exceptions;

namespace PromptWatch.S3;

/// <summary>Turns failures of either S3 client into one clear sentence that names the endpoint and the bucket, without keys.</summary>
internal static class S3Failures
{
    /// <summary>A failure of <paramref name="action"/> (a verb phrase: "list", "read 'key' from").</summary>
    public static PromptWatchException Describe(string action, S3Endpoint endpoint, S3ResultStoreOptions options, Exception exception) =>
        new($"Could not {action} the S3 bucket '{options.Bucket}' at {endpoint.Display}: {Reason(exception, options)}.", exception)
        {
            IsAuthenticationFailure = Code(exception) is "AccessDenied" or "Forbidden" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AuthorizationFailed" or "AllAccessDisabled",
        };

    /// <summary>Whether <paramref name="exception"/> says the object does not exist (the bucket does).</summary>
    public static bool IsMissingObject(Exception exception) => Code(exception) is "NoSuchKey" || exception is ObjectNotFoundException;

    private static string Reason(Exception exception, S3ResultStoreOptions options)
    {
        switch (Code(exception))
        {
            case "SignatureDoesNotMatch":
                return "the server rejected the request signature, so the secret key does not belong to the access key (check SecretKey)";
            case "InvalidAccessKeyId":
                return "the server does not know the access key (check AccessKey)";
            case "AuthorizationFailed":
                return "the server rejected the access key or the secret key (check AccessKey and SecretKey)";
            case "AccessDenied" or "Forbidden" or "AllAccessDisabled":
                return "access was denied: the keys' user may not list or read this bucket (check its permissions and the bucket policy)";
            case "NoSuchBucket":
                return "the bucket does not exist (check Bucket, or create the bucket)";
            case "RequestTimeTooSkewed":
                return "the server's clock and this machine's differ too much (RequestTimeTooSkewed)";
            case "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException":
                return $"the bucket is in another region than {options.Region} (check Region)";
            case { } code:
                return $"the server answered {code}" + Detail(ServerMessage(exception), options, " (", ")");
        }

        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return "the TLS certificate of the endpoint was not accepted" + Detail(tls.Message, options, " (", ")") + "; set CaBundlePath to the PEM file of its CA";
        }

        // A time-out ends in a cancelled socket operation: say what happened, not how it surfaced.
        if (Find<TimeoutException>(exception) is not null || Find<OperationCanceledException>(exception) is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the server did not answer within {options.Timeout.TotalSeconds:0.#} seconds (Timeout)");
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                ? "the endpoint's host name could not be resolved" + Detail(socket.Message, options, " (", ")")
                : "the endpoint could not be reached" + Detail(socket.Message, options, " (", ")");
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return http.StatusCode is { } status
                ? string.Create(CultureInfo.InvariantCulture, $"the server answered HTTP {(int)status} {status}")
                : "the endpoint could not be reached" + Detail(http.Message, options, " (", ")");
        }

        if (exception is AmazonServiceException { StatusCode: var awsStatus } && awsStatus != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the server answered HTTP {(int)awsStatus} {awsStatus}") + Detail(exception.Message, options, " (", ")");
        }

        return Detail(exception.Message, options, string.Empty, string.Empty) is { Length: > 0 } detail ? detail : exception.GetType().Name;
    }

    /// <summary>The S3 error code of either client's exception, or <see langword="null"/>.</summary>
    private static string? Code(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AmazonServiceException { ErrorCode: { Length: > 0 } code }:
                    return code;
                case AmazonServiceException { StatusCode: HttpStatusCode.Forbidden }:
                    return "Forbidden";
                case AmazonServiceException { StatusCode: HttpStatusCode.NotFound }:
                    return "NotFound";
                case BucketNotFoundException:
                    return "NoSuchBucket";
                case ObjectNotFoundException:
                    return "NoSuchKey";
                case AuthorizationException:
                    // Minio raises it for SignatureDoesNotMatch and InvalidAccessKeyId alike.
                    return "AuthorizationFailed";
                case AccessDeniedException:
                    return "AccessDenied";
                case MinioException { Response.Code: { Length: > 0 } minioCode }:
                    return minioCode;
            }
        }

        return null;
    }

    private static string? ServerMessage(Exception exception) => exception switch
    {
        MinioException { Response.Message: { Length: > 0 } message } => message,
        AmazonServiceException => exception.Message,
        _ => null,
    };

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found) return found;
            if (current is AggregateException { InnerExceptions.Count: 1 } aggregate && aggregate.InnerExceptions[0] is T inner) return inner;
        }

        return null;
    }

    /// <summary>A server's or the platform's message, without keys, wrapped in <paramref name="before"/> and <paramref name="after"/>; empty when there is none.</summary>
    private static string Detail(string? message, S3ResultStoreOptions options, string before, string after)
    {
        if (string.IsNullOrWhiteSpace(message)) return string.Empty;
        var detail = Redact(message.Trim().TrimEnd('.'), options);
        return before + detail + after;
    }

    /// <summary>Replaces the keys of <paramref name="options"/> in <paramref name="text"/>.</summary>
    public static string Redact(string text, S3ResultStoreOptions options)
    {
        if (options.SecretKey is { Length: > 0 } secret) text = text.Replace(secret, "***", StringComparison.Ordinal);
        if (options.AccessKey is { Length: > 0 } access) text = text.Replace(access, "***", StringComparison.Ordinal);
        return text;
    }
}
