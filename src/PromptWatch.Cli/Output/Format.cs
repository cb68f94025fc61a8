using System.Globalization;

namespace PromptWatch.Cli.Output;

/// <summary>Numbers as the operations commands print them, in the invariant culture.</summary>
internal static class Format
{
    public static string Milliseconds(double ms) => ms switch
    {
        >= 10_000 => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        >= 100 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Count(double count) => count.ToString("#,0", CultureInfo.InvariantCulture);
}
