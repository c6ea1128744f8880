using System.Globalization;

namespace AddonGrains.Bench;

/// <summary>Resident set size of this process: <c>VmRSS</c> from /proc/self/status, else <see cref="Environment.WorkingSet"/>.</summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes()
    {
        const string Prefix = "VmRSS:";
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(Prefix, StringComparison.Ordinal)
                    && long.TryParse(line[Prefix.Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    return kb / 1024.0;
                }
            }
        }

        return Environment.WorkingSet / (1024.0 * 1024.0);
    }

    /// <summary>The 1-minute load average (0 where /proc/loadavg does not exist): other work on the machine skews every timing.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
        && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : 0;
}
