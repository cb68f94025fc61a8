using System.Text;
using System.Text.RegularExpressions;

namespace PromptWatch.GitHub.Counting;

/// <summary>
/// File globs ignoring case: a glob without <c>/</c> is matched against the file name, one with <c>/</c>
/// against the whole path; <c>*</c> stays in one folder, <c>**</c> crosses folders, <c>?</c> is one character.
/// </summary>
internal sealed class PathGlobs
{
    private readonly (Regex Regex, bool WholePath)[] _globs;

    public PathGlobs(IEnumerable<string> globs)
    {
        _globs = [.. globs.Select(static g => (new Regex(ToRegex(g), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), g.Contains('/', StringComparison.Ordinal)))];
    }

    public bool IsMatch(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return _globs.Any(g => g.Regex.IsMatch(g.WholePath ? path : name));
    }

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
