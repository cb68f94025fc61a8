using System.Globalization;
using System.Text;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>Reads file versions (<c>&lt;commit&gt;:&lt;path&gt;</c>) in one batch with <c>git cat-file --batch</c>.</summary>
internal static class BlobReader
{
    public static Dictionary<(string Sha, string Path), byte[]> Read(TestRepository repository, IEnumerable<(string Sha, string Path)> versions)
    {
        var keys = versions.Distinct().ToList();
        var input = Encoding.UTF8.GetBytes(string.Concat(keys.Select(k => $"{k.Sha}:{k.Path}\n")));
        var output = repository.GitBytes(["cat-file", "--batch"], input);
        var result = new Dictionary<(string, string), byte[]>();
        var position = 0;
        foreach (var key in keys)
        {
            var newline = Array.IndexOf(output, (byte)'\n', position);
            var header = Encoding.UTF8.GetString(output, position, newline - position).Split(' ');
            if (header.Length != 3 || header[1] != "blob") throw new InvalidOperationException($"git cat-file could not read {key.Sha}:{key.Path}: {string.Join(' ', header)}");
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            result[key] = output.AsSpan(newline + 1, size).ToArray();
            position = newline + 1 + size + 1;
        }

        return result;
    }
}
