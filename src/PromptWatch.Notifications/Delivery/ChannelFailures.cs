using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace PromptWatch.Notifications;

/// <summary>
/// Turns what went wrong in a channel call into a <see cref="PromptWatchException"/> whose message (and whose cause's
/// message) holds the status code or the kind of failure, never the channel's URL or credentials.
/// </summary>
internal static class ChannelFailures
{
    public static PromptWatchException Status(string channel, HttpStatusCode status)
    {
        var code = (int)status;
        var message = string.Create(CultureInfo.InvariantCulture, $"The {channel} channel answered HTTP {code} ({status}).");
        return new PromptWatchException(message, new HttpRequestException(message, null, status))
        {
            IsAuthenticationFailure = code is 401 or 403,
            IsPermanent = code is >= 400 and < 500 and not 408 and not 429,
        };
    }

    /// <summary>The failure of an HTTP channel call; the original exception is left out, its message may hold the host.</summary>
    public static PromptWatchException Http(string channel, Exception failure, AlertDeliveryOptions delivery) => failure switch
    {
        HttpRequestException { StatusCode: { } status } => Status(channel, status),
        HttpRequestException e => Wrap(string.Create(CultureInfo.InvariantCulture, $"The {channel} channel could not be reached ({e.HttpRequestError})."), new HttpRequestException(e.HttpRequestError, e.HttpRequestError.ToString())),
        _ => Common(channel, failure, delivery),
    };

    /// <summary>Timeouts and anything else: the kind of failure, never its message.</summary>
    public static PromptWatchException Common(string channel, Exception failure, AlertDeliveryOptions delivery) => failure switch
    {
        PromptWatchException known => known,
        TimeoutRejectedException e => Wrap(TimedOut(channel, e.Timeout), new TimeoutException(TimedOut(channel, e.Timeout))),
        OperationCanceledException => Wrap(TimedOut(channel, delivery.TotalTimeout), new TimeoutException(TimedOut(channel, delivery.TotalTimeout))),
        SocketException e => Wrap(string.Create(CultureInfo.InvariantCulture, $"The {channel} channel could not be reached ({e.SocketErrorCode})."), new SocketException((int)e.SocketErrorCode)),
        _ => Wrap($"The {channel} channel failed ({failure.GetType().Name}).", null),
    };

    private static string TimedOut(string channel, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"The {channel} channel did not answer within {timeout.TotalSeconds:0.###} s.");

    private static PromptWatchException Wrap(string message, Exception? cause) => new(message, cause);
}
