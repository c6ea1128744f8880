using System.Diagnostics.Metrics;

namespace AddonGrains.Grains.Placement;

/// <summary>
/// Counts grain calls made by a grain on another silo (<c>addongrains.grain.calls.cross_silo</c>, by the called
/// interface): what <see cref="OrganizationPlacement"/> keeps near zero. Calls from clients (the CLI) and from the
/// silo's own services, and calls to objects the silo's services observe with (the OCM budget's leases, about one a
/// second per silo whatever the fleet), are not grain-to-grain calls and are not counted.
/// </summary>
internal sealed class CrossSiloCalls(ILocalActivationStatusChecker local) : IIncomingGrainCallFilter
{
    public static readonly Counter<long> Count = Telemetry.Meter.CreateCounter<long>("addongrains.grain.calls.cross_silo", unit: "{call}",
        description: "Grain calls whose caller grain is on another silo, by called interface.");

    private long _total;

    /// <summary>This silo's count since it started (the metric's sum over interfaces).</summary>
    public long Total => Interlocked.Read(ref _total);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.SourceId is { } source && !IsSystem(source) && !IsSystem(context.TargetId) && !local.IsLocallyActivated(source))
        {
            Interlocked.Increment(ref _total);
            Count.Add(1, new KeyValuePair<string, object?>("interface", context.InterfaceName));
        }
        return context.Invoke();
    }

    private static bool IsSystem(GrainId id) => GrainTypePrefix.IsClient(id) || GrainTypePrefix.IsSystemTarget(id);
}
