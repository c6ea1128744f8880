using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AddonGrains.Grains;

/// <summary>The one ActivitySource and the one Meter of AddonGrains, both named <see cref="Name"/>.</summary>
public static class Telemetry
{
    /// <summary>Source and meter name.</summary>
    public const string Name = "AddonGrains";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Checks = Meter.CreateCounter<long>("addongrains.checks", description: "Checks by outcome (phase).");

    public static readonly Histogram<double> CheckDuration = Meter.CreateHistogram<double>("addongrains.check.duration", unit: "s", description: "Duration of one check.");

    public static readonly Counter<long> StateWrites = Meter.CreateCounter<long>("addongrains.state.writes", description: "Grain state writes by grain type.");

    public static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram<double>("addongrains.trigger.delivery_latency", unit: "s", description: "From trigger creation to the queue item in Jenkins.");

    public static readonly Counter<long> BuildResults = Meter.CreateCounter<long>("addongrains.builds", description: "Finished builds by result.");

    public static readonly Counter<long> Triggers = Meter.CreateCounter<long>("addongrains.triggers", description: "Trigger status transitions by status.");
}
