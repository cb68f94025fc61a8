using System.Text;
using PromptWatch.Model;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// Reads a commit's author, committer date and message from the commit object's bytes as libgit2 gives them: the first
/// author line, the name and e-mail trimmed around the last <c>&lt;</c> and <c>&gt;</c>, the committer's time and time
/// zone, and the message after the header without its leading and trailing line breaks. Anything unusual (a NUL byte,
/// a missing or odd signature or time zone, no message separator) is left to libgit2 (the answer is then <see langword="false"/>).
/// </summary>
internal static class RawCommitInfo
{
    /// <summary>Parses <paramref name="raw"/>, the commit <paramref name="sha"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, string sha, out CommitInfo info)
    {
        info = null!;
        if (raw.Contains((byte)0)) return false;
        var separator = raw.IndexOf("\n\n"u8);
        if (separator < 0) return false;
        var header = raw[..(separator + 1)];
        if (!TryFindLine(header, "author "u8, out var authorLine) || !TryFindLine(header, "committer "u8, out var committerLine)) return false;
        if (!TryReadSignature(authorLine, out var name, out var email, out _, out _)) return false;
        if (!TryReadSignature(committerLine, out _, out _, out var time, out var offsetMinutes)) return false;

        var message = raw[(separator + 2)..];
        while (!message.IsEmpty && message[0] == (byte)'\n') message = message[1..];
        var date = DateTimeOffset.FromUnixTimeSeconds(time).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        info = new CommitInfo(sha, date, Encoding.UTF8.GetString(message).TrimEnd('\n', '\r'), Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(email));
        return true;
    }

    /// <summary>The first header line starting with <paramref name="prefix"/>, without it and without its line break.</summary>
    private static bool TryFindLine(ReadOnlySpan<byte> header, ReadOnlySpan<byte> prefix, out ReadOnlySpan<byte> line)
    {
        line = default;
        while (!header.IsEmpty)
        {
            var end = header.IndexOf((byte)'\n');
            if (end < 0) return false;
            if (header.StartsWith(prefix))
            {
                line = header[prefix.Length..end];
                return true;
            }

            header = header[(end + 1)..];
        }

        return false;
    }

    /// <summary><c>Name &lt;email&gt; 1700000000 +0100</c>: the time zone within 14 hours and 59 minutes, as libgit2 takes it.</summary>
    internal static bool TryReadSignature(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> email, out long time, out int offsetMinutes)
    {
        name = default;
        email = default;
        time = 0;
        offsetMinutes = 0;
        var open = line.LastIndexOf((byte)'<');
        var close = line.LastIndexOf((byte)'>');
        if (open < 0 || close <= open) return false;
        name = Trim(line[..open]);
        email = Trim(line[(open + 1)..close]);
        var rest = line[(close + 1)..];
        if (rest.IsEmpty || rest[0] != (byte)' ') return false;
        rest = rest[1..];
        var digits = 0;
        while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9') digits++;
        if (digits is 0 or > 18 || rest.Length != digits + 6 || rest[digits] != (byte)' ') return false;
        foreach (var c in rest[..digits]) time = (time * 10) + (c - '0');
        var zone = rest[(digits + 1)..];
        if (zone[0] is not ((byte)'+' or (byte)'-')) return false;
        foreach (var c in zone[1..])
        {
            if (c is < (byte)'0' or > (byte)'9') return false;
        }

        var hours = ((zone[1] - '0') * 10) + (zone[2] - '0');
        var minutes = ((zone[3] - '0') * 10) + (zone[4] - '0');
        if (hours > 14 || minutes > 59) return false;
        offsetMinutes = (zone[0] == (byte)'-' ? -1 : 1) * ((hours * 60) + minutes);
        return time <= 253402300799; // DateTimeOffset's last second
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty && IsSpace(text[0])) text = text[1..];
        while (!text.IsEmpty && IsSpace(text[^1])) text = text[..^1];
        return text;
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
