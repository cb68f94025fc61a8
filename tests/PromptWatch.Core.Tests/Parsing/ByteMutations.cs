namespace PromptWatch.Tests.Parsing;

/// <summary>Seeded random edits of a file's bytes, for tests that feed parsers malformed input.</summary>
internal static class ByteMutations
{
    /// <summary>One to <paramref name="maxEdits"/> edits: delete a byte, insert or overwrite one from <paramref name="alphabet"/>, or (when allowed) cut the rest.</summary>
    public static byte[] Mutate(byte[] original, Random random, byte[] alphabet, int maxEdits = 5, bool allowTruncation = true)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, maxEdits + 1);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(allowTruncation ? 4 : 3))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    bytes[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
