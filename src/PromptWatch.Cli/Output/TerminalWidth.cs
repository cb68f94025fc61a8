using System.Globalization;

namespace PromptWatch.Cli.Output;

/// <summary>How wide printed tables may be: the <c>COLUMNS</c> environment variable, else the terminal's width, else no limit.</summary>
internal static class TerminalWidth
{
    /// <summary>The environment variable that sets the width (shells set it; a user may too, for example <c>COLUMNS=100</c>).</summary>
    public const string Variable = "COLUMNS";

    /// <summary>The width for this process's standard output.</summary>
    public static int? Current() => Resolve(Environment.GetEnvironmentVariable(Variable), Console.IsOutputRedirected, static () => Console.WindowWidth);

    /// <summary>
    /// <paramref name="columns"/> when it is a positive number; else, on a terminal, <paramref name="windowWidth"/>;
    /// else (output to a file or a pipe) <see langword="null"/>: no limit.
    /// </summary>
    public static int? Resolve(string? columns, bool redirected, Func<int> windowWidth)
    {
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var fromVariable) && fromVariable > 0) return fromVariable;
        if (redirected) return null;
        try
        {
            var width = windowWidth();
            return width > 0 ? width : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
