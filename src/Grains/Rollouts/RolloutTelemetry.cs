using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The rollout gauges of the verdict and the pause switch, on the <see cref="Telemetry.Meter"/>: each rollout grain
/// reports its latest version's verdict and whether it is paused, from this silo while it is active here.
/// </summary>
internal static class RolloutTelemetry
{
    private static readonly ConcurrentDictionary<string, Gauge> Latest = new(StringComparer.Ordinal);

    /// <summary><c>addongrains_version_verdict{organization, addon, version, verdict}</c>: 1 for each pair's latest version.</summary>
    public static readonly ObservableGauge<long> VersionVerdict = Telemetry.Meter.CreateObservableGauge(
        "addongrains.version.verdict", () => Latest.Values.Where(g => g.Version is not null).Select(g => new Measurement<long>(1,
            new("organization", g.Organization), new("addon", g.Addon), new("version", g.Version), new("verdict", g.Verdict.Name()))),
        unit: "{verdict}", description: "1 for the verdict (passed, failed, pending, none) of each organization × add-on's last known version.");

    /// <summary><c>addongrains_rollout_paused{organization, addon}</c>: 1 while paused, else 0.</summary>
    public static readonly ObservableGauge<long> Paused = Telemetry.Meter.CreateObservableGauge(
        "addongrains.rollout.paused", () => Latest.Values.Select(g => new Measurement<long>(g.Paused ? 1 : 0,
            new("organization", g.Organization), new("addon", g.Addon))),
        unit: "{rollout}", description: "1 while an operator has paused the rollout (its triggers are held), else 0.");

    public static void Record(string rolloutKey, string organization, string addon, string? version, Verdict verdict, bool paused) =>
        Latest[rolloutKey] = new Gauge(organization, addon, version, verdict, paused);

    public static void Forget(string rolloutKey) => Latest.TryRemove(rolloutKey, out _);

    private sealed record Gauge(string Organization, string Addon, string? Version, Verdict Verdict, bool Paused);
}
