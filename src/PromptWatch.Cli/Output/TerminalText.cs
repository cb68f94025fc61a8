using System.Globalization;
using System.Text;

namespace PromptWatch.Cli.Output;

/// <summary>
/// Makes repository text safe to print on a terminal: commit messages, author names, use cases, models and
/// prompts come from whoever wrote the commit, and an escape sequence in them would drive the terminal
/// (clear the screen, set the title, hide text). Each control character (C0, DEL, C1) is shown as a visible
/// escape such as <c>\x1b</c> instead; tabs are kept.
/// </summary>
internal static class TerminalText
{
    /// <summary>The text with every control character but the tab replaced by a visible escape.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(IsEscaped)) return text;

        var clean = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsEscaped(c)) clean.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else clean.Append(c);
        }

        return clean.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped as <see cref="Escape"/> does.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string? text) => builder.Append(Escape(text));

    private static bool IsEscaped(char c) => char.IsControl(c) && c != '\t';
}
