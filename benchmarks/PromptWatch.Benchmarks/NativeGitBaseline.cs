namespace PromptWatch.Benchmarks;

/// <summary>
/// Baseline B, the native git floor: one <c>git log --raw --no-abbrev</c> process over the watched
/// files plus one <c>git cat-file --batch</c> process fed the changed blob ids; no parsing.
/// </summary>
internal static class NativeGitBaseline
{
    public static long Run(string repository, string branch, IEnumerable<string> files)
    {
        var log = GitProcess.Run(repository, ["log", "--raw", "--no-abbrev", "--format=%H %ct %an <%ae>", branch, "--", .. files]);
        var blobs = new List<string>();
        foreach (var line in log.Split('\n'))
        {
            // :100644 100644 <old> <new> M\tpath
            if (!line.StartsWith(':')) continue;
            var fields = line.Split(' ', 5);
            if (fields.Length == 5 && fields[3] != new string('0', 40)) blobs.Add(fields[3]);
        }

        using var process = GitProcess.Start(repository, redirectInput: true, "cat-file", "--batch");
        var writer = Task.Run(() =>
        {
            foreach (var blob in blobs) process.StandardInput.Write(blob + "\n");
            process.StandardInput.Close();
        });
        var buffer = new char[1 << 16];
        long read = 0;
        int count;
        while ((count = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0) read += count;
        writer.Wait();
        process.WaitForExit();
        return read;
    }
}
