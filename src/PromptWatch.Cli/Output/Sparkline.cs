namespace PromptWatch.Cli.Output;

/// <summary>A series as a line of block characters, one per value, scaled to the series' largest value.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// One character per value: a middle dot for zero, else one of eight block heights proportional to the value (the
    /// largest is a full block); an empty series is empty.
    /// </summary>
    public static string Render(IReadOnlyList<double> values)
    {
        var max = values.Count == 0 ? 0 : values.Max();
        return string.Create(values.Count, (values, max), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var value = state.values[i];
                span[i] = value <= 0 || state.max <= 0 ? '·' : Blocks[(int)Math.Ceiling(value / state.max * Blocks.Length) - 1];
            }
        });
    }
}
