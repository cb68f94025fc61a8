using System.Globalization;
using MailKit.Security;

namespace PromptWatch.Notifications;

/// <summary>The email channel (<c>email</c>): each notification is a text and HTML message sent over SMTP with MailKit.</summary>
public sealed class EmailChannelOptions
{
    /// <summary>The SMTP server's host name. Unset: no email channel.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port. Default 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is secured. Default <see cref="SecureSocketOptions.StartTlsWhenAvailable"/>: STARTTLS when the
    /// server offers it; <see cref="SecureSocketOptions.StartTls"/> requires it, <see cref="SecureSocketOptions.SslOnConnect"/>
    /// is TLS from the start (port 465).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>The user name to authenticate with; unset: no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>The password for <see cref="Username"/>. A secret: it never appears in logs or messages.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address (<c>PromptWatch &lt;alerts@example.com&gt;</c>). Required.</summary>
    public string? From { get; set; }

    /// <summary>The recipients; one entry may hold several addresses separated by commas. At least one is required.</summary>
    public IList<string> To { get; } = [];

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Shows where mail goes, never the password.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Host={Host}, Port={Port}, Security={Security}, Username={Username}, Password={(string.IsNullOrEmpty(Password) ? "(not set)" : "(set)")}, From={From}, To=[{string.Join(", ", To)}]");
}
