using System.Globalization;

namespace PromptWatch.Tests.Support;

/// <summary>Who made a commit and when, exactly as git will record it (whole seconds, with the offset).</summary>
/// <param name="Name">The person's name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="When">The date; sub-second parts are dropped.</param>
public sealed record GitSignature(string Name, string Email, DateTimeOffset When)
{
    /// <summary>A fixed test identity at <paramref name="when"/>.</summary>
    public static GitSignature At(DateTimeOffset when) => new("Test Author", "author@example.com", when);

    /// <summary>The date in git's internal form: <c>&lt;unix seconds&gt; &lt;+hhmm&gt;</c>.</summary>
    public string GitDate
    {
        get
        {
            var offset = When.Offset;
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            var abs = offset.Duration();
            return string.Create(CultureInfo.InvariantCulture, $"{When.ToUnixTimeSeconds()} {sign}{abs.Hours:00}{abs.Minutes:00}");
        }
    }

    /// <summary>The signature as a fast-import <c>author</c>/<c>committer</c> line value.</summary>
    public string ToFastImport() => $"{Name} <{Email}> {GitDate}";
}
