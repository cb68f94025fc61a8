using MimeKit;

namespace PromptWatch.Notifications;

/// <summary>Parses the recipients of <see cref="EmailChannelOptions.To"/>: each entry one address or several separated by commas.</summary>
internal static class EmailAddresses
{
    public static bool TryParse(string text, out InternetAddressList addresses)
    {
        if (InternetAddressList.TryParse(text, out var parsed) && parsed.Count > 0 && parsed.Mailboxes.Count() == parsed.Count)
        {
            addresses = parsed;
            return true;
        }

        addresses = [];
        return false;
    }

    public static InternetAddressList All(IEnumerable<string> entries)
    {
        var all = new InternetAddressList();
        foreach (var entry in entries)
        {
            if (!string.IsNullOrWhiteSpace(entry) && TryParse(entry, out var parsed)) all.AddRange(parsed);
        }

        return all;
    }
}
