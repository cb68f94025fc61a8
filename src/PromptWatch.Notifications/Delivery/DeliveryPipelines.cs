using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PromptWatch.Notifications;

/// <summary>
/// The resilience pipelines of the channels, from <see cref="AlertDeliveryOptions"/>: a total timeout around bounded
/// retries (exponential backoff with jitter, capped) around a timeout per attempt.
/// </summary>
internal static class DeliveryPipelines
{
    /// <summary>The pipeline of the HTTP channels: retries 5xx, 408, 429, connection failures and attempt timeouts.</summary>
    public static void ConfigureHttp(ResiliencePipelineBuilder<HttpResponseMessage> builder, AlertDeliveryOptions delivery)
    {
        builder.AddTimeout(delivery.TotalTimeout);
        if (delivery.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = delivery.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delivery.BaseDelay,
                MaxDelay = delivery.MaxDelay,
            });
        }

        builder.AddTimeout(delivery.AttemptTimeout);
    }

    /// <summary>
    /// The pipeline of the email channel: retries what may pass on a second try (a 4xx SMTP reply, a broken
    /// connection, an attempt timeout), not refused credentials or a 5xx reply.
    /// </summary>
    public static void ConfigureSmtp(ResiliencePipelineBuilder builder, AlertDeliveryOptions delivery)
    {
        builder.AddTimeout(delivery.TotalTimeout);
        if (delivery.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<SmtpCommandException>(static e => (int)e.StatusCode is >= 400 and < 500)
                    .Handle<SmtpProtocolException>()
                    .Handle<ServiceNotConnectedException>()
                    .Handle<SocketException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = delivery.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delivery.BaseDelay,
                MaxDelay = delivery.MaxDelay,
            });
        }

        builder.AddTimeout(delivery.AttemptTimeout);
    }
}
