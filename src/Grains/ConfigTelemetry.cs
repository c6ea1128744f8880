using System.Diagnostics.Metrics;

namespace AddonGrains.Grains;

/// <summary>Metrics of configuration reloads (on <see cref="Telemetry.Meter"/>; listed in docs/observability.md).</summary>
public static class ConfigTelemetry
{
    /// <summary>Reloads whose new configuration was invalid (Prometheus <c>addongrains_config_reload_failures_total</c>).</summary>
    public static readonly Counter<long> ReloadFailures = Telemetry.Meter.CreateCounter<long>(
        "addongrains.config.reload_failures", unit: "{reload}", description: "Configuration reloads that found an invalid configuration and kept the last good one.");
}
