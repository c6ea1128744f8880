using System.Diagnostics.Metrics;

namespace AddonGrains.Grains;

/// <summary>Metrics of configuration reloads (on <see cref="Telemetry.Meter"/>; listed in docs/observability.md).</summary>
public static class ConfigTelemetry
{
    /// <summary>Reloads whose new configuration was invalid (Prometheus <c>addongrains_config_reload_failures_total</c>).</summary>
    public static readonly Counter<long> ReloadFailures = Telemetry.Meter.CreateCounter<long>(
        "addongrains.config.reload_failures", unit: "{reload}", description: "Configuration reloads that found an invalid configuration and kept the last good one.");

    private static int _reloadFailing;

    /// <summary>1 while the newest configuration read is invalid and the last good one runs (Prometheus <c>addongrains_config_reload_failing</c>).</summary>
    public static readonly ObservableGauge<int> ReloadFailing = Telemetry.Meter.CreateObservableGauge(
        "addongrains.config.reload_failing", () => Volatile.Read(ref _reloadFailing),
        description: "1 while the newest configuration read is invalid and the silo runs the last good one, else 0.");

    /// <summary>Called by the reload after each attempt: true when it kept the last good configuration.</summary>
    public static void SetReloadFailing(bool failing) => Volatile.Write(ref _reloadFailing, failing ? 1 : 0);
}
