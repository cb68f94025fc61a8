using System.Diagnostics;
using System.Text;

namespace PromptWatch.Tests.Support;

/// <summary>Runs the <c>git</c> command line, isolated from the machine's and user's git configuration.</summary>
internal static class GitProcess
{
    /// <summary>Runs git in <paramref name="workingDirectory"/> and returns its standard output; throws when it fails.</summary>
    public static byte[] Run(string workingDirectory, string configFile, IEnumerable<string> arguments, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = configFile;
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE" })
        {
            start.Environment.Remove(name);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment) start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        using (var stdin = process.StandardInput.BaseStream)
        {
            if (input is not null) stdin.Write(input);
        }

        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult()}");
        }

        return stdout.ToArray();
    }

    /// <summary>Runs git and returns its standard output as UTF-8 text.</summary>
    public static string RunText(string workingDirectory, string configFile, IEnumerable<string> arguments, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Encoding.UTF8.GetString(Run(workingDirectory, configFile, arguments, input, environment));
}
