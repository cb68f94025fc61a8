namespace PromptWatch.Model;

/// <summary>The commit a change was found in. Shared by every entry of that commit.</summary>
/// <param name="Sha">The full 40-character commit id.</param>
/// <param name="Date">The committer date, with the committer's offset.</param>
/// <param name="Message">The commit message without trailing new lines.</param>
/// <param name="AuthorName">The author's name.</param>
/// <param name="AuthorEmail">The author's e-mail address.</param>
public sealed record CommitInfo(string Sha, DateTimeOffset Date, string Message, string AuthorName, string AuthorEmail)
{
    /// <summary>The 7-character abbreviation of <see cref="Sha"/>.</summary>
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>The first line of <see cref="Message"/>.</summary>
    public string Subject
    {
        get
        {
            var newline = Message.IndexOf('\n', StringComparison.Ordinal);
            return (newline < 0 ? Message : Message[..newline]).TrimEnd('\r');
        }
    }
}
