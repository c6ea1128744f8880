using System.Globalization;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Whether a signal was ignored when the process started. A process started with SIGHUP ignored (under <c>nohup</c>,
/// or by a supervisor that ignores it) keeps it ignored: .NET does not override an inherited ignore, so SIGHUP cannot
/// reload that silo, and the silo says so at start instead of leaving an operator to wonder.
/// </summary>
internal static class SignalDisposition
{
    public const int Sighup = 1;

    /// <summary>True when this process ignores <paramref name="signal"/> (Linux: <c>/proc/self/status</c>); false when unknown.</summary>
    public static bool IsIgnored(int signal)
    {
        try
        {
            return File.Exists("/proc/self/status") && IsIgnored(File.ReadAllText("/proc/self/status"), signal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads the <c>SigIgn:</c> mask (hexadecimal, bit N-1 for signal N) of a <c>/proc/PID/status</c> text.</summary>
    public static bool IsIgnored(string procStatus, int signal)
    {
        ArgumentNullException.ThrowIfNull(procStatus);
        foreach (var line in procStatus.Split('\n'))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
            {
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
    }
}
