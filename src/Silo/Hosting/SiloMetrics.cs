using System.Diagnostics.Metrics;
using AddonGrains.Grains;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// <c>addongrains_silo_active</c>: 1 while this silo is Active in the cluster's membership, else 0. Summed over the
/// scraped silos it is the number of active silos; the "no active silo" alert (deploy/prometheus/alerts.yaml) fires on 0.
/// </summary>
internal sealed class SiloMetrics : IDisposable
{
    private readonly Meter _meter = new(Telemetry.Name);

    public SiloMetrics(IServiceProvider services) =>
        _meter.CreateObservableGauge("addongrains.silo.active",
            () => services.GetService<ISiloStatusOracle>()?.CurrentStatus == SiloStatus.Active ? 1L : 0L,
            unit: "{silo}", description: "1 while this silo is Active in the cluster's membership.");

    public void Dispose() => _meter.Dispose();
}
