using System.Diagnostics;
using System.Globalization;

namespace LiveSession.FanoutBench;

/// <summary>
/// What a process used between two moments (Linux): CPU time (utime + stime, from /proc/PID/stat) and, for a server,
/// the bytes it sent on the TCP connections accepted on its port (bytes_sent summed over them, from `ss -ti`).
/// </summary>
public readonly partial record struct ProcessSample(int ProcessId, long CpuTicks, long SentBytes, long Timestamp)
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static ProcessSample Of(int processId, int serverPort = 0)
    {
        // The command name (field 2) may hold spaces: the fields after it start past its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Past the name, field 3 (state) is index 0: utime (14) is index 11, stime (15) index 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(processId, ticks, serverPort == 0 ? 0 : SentBytesFrom(serverPort), Stopwatch.GetTimestamp());
    }

    // /proc/PID/io's wchar does not count send() on sockets, so the kernel's per-socket counters are read instead.
    private static long SentBytesFrom(int port)
    {
        var start = new ProcessStartInfo("ss", ["-tinH", "state", "established", "( sport = :" + port.ToString(CultureInfo.InvariantCulture) + " )"])
            { RedirectStandardOutput = true };
        using var ss = Process.Start(start)!;
        var text = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        return SentBytesPattern().Matches(text).Sum(m => long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"bytes_sent:(\d+)")]
    private static partial System.Text.RegularExpressions.Regex SentBytesPattern();

    /// <summary>Resident memory now (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>The machine's 1-minute load average now.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>CPU used since <paramref name="before"/> as % of one core, and bytes written per second.</summary>
    public ProcessUsage Since(ProcessSample before)
    {
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, Timestamp).TotalSeconds;
        return new ProcessUsage((CpuTicks - before.CpuTicks) / TicksPerSecond / seconds * 100, (SentBytes - before.SentBytes) / seconds);
    }
}

/// <param name="CorePercent">CPU time ÷ wall time × 100: 100 = one core busy the whole time.</param>
public readonly record struct ProcessUsage(double CorePercent, double SentBytesPerSecond)
{
    public double MachinePercent => CorePercent / Environment.ProcessorCount;
}
