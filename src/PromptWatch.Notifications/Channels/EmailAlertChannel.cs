using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Polly;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// The <c>email</c> channel: each notification is one message (<see cref="EmailMessage"/>) sent over SMTP with MailKit,
/// STARTTLS as <see cref="EmailChannelOptions.Security"/> says, authenticated when a user name is set, through the
/// email resilience pipeline (<see cref="DeliveryPipelines.ConfigureSmtp"/>). Failures never hold the password.
/// </summary>
internal sealed class EmailAlertChannel(
    AlertChannelOptions options,
    ResiliencePipeline pipeline,
    NotificationMetrics metrics,
    TimeProvider timeProvider,
    ILogger<EmailAlertChannel> logger) : IAlertChannel
{
    public const string ChannelName = "email";

    /// <summary>The name of the email resilience pipeline.</summary>
    public const string PipelineName = "PromptWatch.Notifications.email";

    private readonly EmailChannelOptions _email = options.Email;
    private readonly AlertDeliveryOptions _delivery = options.Delivery;

    public string Name => ChannelName;

    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var message = EmailMessage.Create(notification, _email);
        var started = timeProvider.GetTimestamp();
        try
        {
            await pipeline.ExecuteAsync(
                async (state, token) => await state.Channel.SendOnceAsync(state.Message, token).ConfigureAwait(false),
                (Channel: this, Message: message),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = Failure(e);
            var elapsed = timeProvider.GetElapsedTime(started);
            metrics.Record(elapsed, failure);
            ChannelLog.Failed(logger, Name, NotificationText.Kind(notification.Kind), notification.GroupKey, (long)elapsed.TotalMilliseconds, failure.Message);
            throw failure;
        }

        var took = timeProvider.GetElapsedTime(started);
        metrics.Record(took);
        ChannelLog.Sent(logger, Name, NotificationText.Kind(notification.Kind), notification.Alerts.Count, notification.GroupKey, (long)took.TotalMilliseconds);
    }

    private async Task SendOnceAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _delivery.AttemptTimeout.TotalMilliseconds) };
        await client.ConnectAsync(_email.Host!, _email.Port, _email.Security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_email.Username))
        {
            await client.AuthenticateAsync(_email.Username, _email.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What went wrong, in words that hold neither the password nor the server's own reply text.</summary>
    private PromptWatchException Failure(Exception e) => e switch
    {
        AuthenticationException => new PromptWatchException("The email channel's SMTP server refused the user name or password.", new AuthenticationException("Authentication failed."))
        {
            IsAuthenticationFailure = true,
            IsPermanent = true,
        },
        SmtpCommandException command => new PromptWatchException(
            string.Create(CultureInfo.InvariantCulture, $"The email channel's SMTP server answered {(int)command.StatusCode} ({command.ErrorCode})."),
            new SmtpCommandException(command.ErrorCode, command.StatusCode, command.StatusCode.ToString()))
        {
            IsPermanent = (int)command.StatusCode >= 500,
        },
        SmtpProtocolException => new PromptWatchException("The email channel's SMTP server broke the SMTP protocol.", new SmtpProtocolException("Protocol error.")),
        NotSupportedException when _email.Security == SecureSocketOptions.StartTls => new PromptWatchException(
            "The email channel's SMTP server does not offer STARTTLS, which PromptWatch:Alerting:Email:Security=StartTls requires.", new NotSupportedException("STARTTLS is not offered."))
        {
            IsPermanent = true,
        },
        SslHandshakeException => new PromptWatchException("The TLS handshake with the email channel's SMTP server failed.", new SslHandshakeException("TLS handshake failed.")) { IsPermanent = true },
        SocketException socket => ChannelFailures.Common(Name, socket, _delivery),
        IOException => new PromptWatchException("The connection to the email channel's SMTP server broke.", new IOException("Connection broken.")),
        ServiceNotConnectedException => new PromptWatchException("The email channel's SMTP server closed the connection.", new IOException("Not connected.")),
        _ => ChannelFailures.Common(Name, e, _delivery),
    };
}
