using Spectre.Console;

namespace PromptWatch.Cli.Output;

/// <summary>
/// A Spectre.Console console writing to a command's output. On a terminal it draws rounded tables in colour; into a
/// file, a pipe or any writer other than the process's own standard output it writes plain text (no escape sequence,
/// ASCII borders) that scripts can read.
/// </summary>
internal static class Terminal
{
    /// <summary>Whether <paramref name="output"/> is an interactive terminal.</summary>
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A console on <paramref name="output"/>, <paramref name="width"/> columns wide (default: 160 off a terminal).</summary>
    public static IAnsiConsole Create(TextWriter output, int? width)
    {
        var interactive = IsInteractive(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        console.Profile.Width = width ?? (interactive ? console.Profile.Width : 160);
        return console;
    }

    /// <summary>A table in the style the output allows.</summary>
    public static Table Table(TextWriter output, params string[] columns)
    {
        var table = new Table().Border(IsInteractive(output) ? TableBorder.Rounded : TableBorder.Ascii);
        foreach (var column in columns) table.AddColumn(new TableColumn(Markup.Escape(column)));
        return table;
    }
}
