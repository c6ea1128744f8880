using System.Globalization;

namespace AddonGrains.Bench;

/// <summary>Resident set sizes from /proc (this process, or a silo process of the several-silo run), and the load average.</summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes() =>
        File.Exists("/proc/self/status") ? StatusKilobytes("/proc/self/status", "VmRSS:") / 1024.0 : Environment.WorkingSet / (1024.0 * 1024.0);

    /// <summary>A kB field of a /proc status file (<c>VmRSS:</c>, <c>VmHWM:</c>), or 0 when it has none.</summary>
    public static long StatusKilobytes(string statusFile, string prefix)
    {
        foreach (var line in File.ReadLines(statusFile))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(line[prefix.Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                return kb;
            }
        }

        return 0;
    }

    /// <summary>The 1-minute load average (0 where /proc/loadavg does not exist): other work on the machine skews every timing.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
        && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : 0;
}
