using System.Buffers;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Baseline B, the native git floor, as a shell would run it
/// (<c>git log --raw --no-abbrev -- &lt;files&gt; | awk | sort -u | git cat-file --batch &gt; /dev/null</c>, with the
/// ids sent as they appear): one <c>git log --raw --no-abbrev</c> process over the watched files and one
/// <c>git cat-file --batch</c> process started beside it, fed each changed blob id once, as soon as the log names
/// it. Both outputs are read as bytes (nothing is decoded as text) and nothing is parsed beyond finding the ids.
/// </summary>
internal static class NativeGitBaseline
{
    private const int IdLength = 40;

    public static long Run(string repository, string branch, IEnumerable<string> files)
    {
        using var log = GitProcess.Start(repository, redirectInput: false, ["log", "--raw", "--no-abbrev", "--format=%H %ct %an <%ae>", branch, "--", .. files]);
        using var catFile = GitProcess.Start(repository, redirectInput: true, "cat-file", "--batch");
        var reader = Task.Run(() => Drain(catFile.StandardOutput.BaseStream));
        SendBlobIds(log.StandardOutput.BaseStream, catFile.StandardInput.BaseStream);
        catFile.StandardInput.Close();
        var read = reader.GetAwaiter().GetResult();
        log.WaitForExit();
        catFile.WaitForExit();
        return log.ExitCode == 0 && catFile.ExitCode == 0
            ? read
            : throw new InvalidOperationException($"git log exited with {log.ExitCode}, git cat-file with {catFile.ExitCode}");
    }

    /// <summary>
    /// Copies the new blob id of each raw line (<c>:100644 100644 &lt;old&gt; &lt;new&gt; M\tpath</c>) of
    /// <paramref name="log"/> to <paramref name="catFile"/>, once per id, skipping deletions (an id of zeros).
    /// </summary>
    private static void SendBlobIds(Stream log, Stream catFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var line = new byte[4096];
        var lineLength = 0;
        int count;
        while ((count = log.Read(buffer, 0, buffer.Length)) > 0)
        {
            var sent = false;
            for (var i = 0; i < count; i++)
            {
                var b = buffer[i];
                if (b != (byte)'\n')
                {
                    if (lineLength < line.Length) line[lineLength++] = b;
                    continue;
                }

                sent |= SendIfBlob(line.AsSpan(0, lineLength), seen, catFile);
                lineLength = 0;
            }

            // Hand over what this chunk named, so that cat-file works while log goes on.
            if (sent) catFile.Flush();
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static bool SendIfBlob(ReadOnlySpan<byte> line, HashSet<string> seen, Stream catFile)
    {
        // ":" mode " " mode " " old " " new " " status: the new id starts after the third space.
        if (line.IsEmpty || line[0] != (byte)':') return false;
        var start = 0;
        for (var spaces = 0; spaces < 3; spaces++)
        {
            var next = line[start..].IndexOf((byte)' ');
            if (next < 0) return false;
            start += next + 1;
        }

        if (line.Length < start + IdLength) return false;
        var id = line.Slice(start, IdLength);
        if (!id.ContainsAnyExcept((byte)'0')) return false;
        if (!seen.Add(System.Text.Encoding.ASCII.GetString(id))) return false;
        catFile.Write(id);
        catFile.WriteByte((byte)'\n');
        return true;
    }

    private static long Drain(Stream output)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long read = 0;
        int count;
        while ((count = output.Read(buffer, 0, buffer.Length)) > 0) read += count;
        ArrayPool<byte>.Shared.Return(buffer);
        return read;
    }
}
