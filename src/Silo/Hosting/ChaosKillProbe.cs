using System.Diagnostics;
using AddonGrains.Grains.Triggers;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// Chaos testing only: when <c>ADDONGRAINS_CHAOS_KILL_AT</c> names a <see cref="DeliveryPoint"/>, the process
/// SIGKILLs itself the first time a trigger reaches that point (once per <c>ADDONGRAINS_CHAOS_KILL_ONCE_FILE</c>:
/// the file is created just before the kill, and its presence disarms the probe). Unset in production.
/// </summary>
internal sealed class ChaosKillProbe(DeliveryPoint point, string onceFile) : IDeliveryProbe
{
    public const string PointVariable = "ADDONGRAINS_CHAOS_KILL_AT";
    public const string OnceFileVariable = "ADDONGRAINS_CHAOS_KILL_ONCE_FILE";

    public static ChaosKillProbe? FromEnvironment()
    {
        var point = Environment.GetEnvironmentVariable(PointVariable);
        var once = Environment.GetEnvironmentVariable(OnceFileVariable);
        return Enum.TryParse<DeliveryPoint>(point, out var parsed) && !string.IsNullOrWhiteSpace(once) ? new ChaosKillProbe(parsed, once) : null;
    }

    public void Reached(DeliveryPoint reached, string triggerId)
    {
        if (reached != point || File.Exists(onceFile))
        {
            return;
        }

        File.WriteAllText(onceFile, $"{point} {triggerId}\n");
        Process.GetCurrentProcess().Kill();
    }
}
