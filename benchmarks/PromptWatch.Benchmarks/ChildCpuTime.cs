using System.Runtime.InteropServices;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The CPU time (user and system) of this process's children that have ended and been waited for, with their own
/// children, as <c>getrusage(RUSAGE_CHILDREN)</c> counts it: the difference around one command is what it used on
/// every core, which a busy machine does not inflate as it does the wall clock.
/// </summary>
internal static partial class ChildCpuTime
{
    private const int Children = -1;

    /// <summary>Whether this system counts it (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The total so far, in milliseconds.</summary>
    public static double TotalMilliseconds()
    {
        // struct rusage: ru_utime and ru_stime (each seconds and microseconds), then 14 counters, all 64-bit on Linux x64 and arm64.
        var usage = new long[18];
        if (getrusage(Children, usage) != 0) throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()}).");
        return ((usage[0] + usage[2]) * 1000.0) + ((usage[1] + usage[3]) / 1000.0);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, [Out] long[] usage);
}
