using System.Buffers.Text;
using System.Text;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// A paging cursor: the key of the last entry a page returned and its position. New entries arrive at the
/// top of the timeline, so the next page starts after that entry wherever it now is; the position is a
/// fallback when the entry is gone (a force-push rewrote history).
/// </summary>
internal static class PageCursor
{
    public static string Encode(EntryKey key, int index)
    {
        var text = string.Join('\n', key.Repository, key.Sha, key.Environment, key.UseCase, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The position to continue from, or <see langword="null"/> for a cursor that is not one of ours.</summary>
    public static int? Decode(string cursor, TimelineView view)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
        }
        catch (FormatException)
        {
            return null;
        }

        if (parts.Length != 5 || !int.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)) return null;
        return view.TryFind(new EntryKey(parts[0], parts[1], parts[2], parts[3]), out var found) ? found + 1 : Math.Min(index + 1, view.Entries.Length);
    }
}
