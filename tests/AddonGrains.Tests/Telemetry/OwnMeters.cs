using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace AddonGrains.Tests.Telemetry;

/// <summary>
/// Keeps an in-process silo's meter provider to the instruments of its own host. Meter listeners are process-wide, and
/// every in-process silo of the test run creates its own <c>System.Net.Http</c> (and other) instruments through its
/// host's <see cref="IMeterFactory"/>. OpenTelemetry puts instruments of the same name into one metric stream and drops
/// that stream once the first of them is disposed, so when another test's silo stopped, this silo's later HttpClient
/// points went nowhere. A production silo is alone in its process; only the tests need this.
/// </summary>
public static class OwnMeters
{
    public static MeterProviderBuilder OnlyFromHost(this MeterProviderBuilder builder, IMeterFactory host) =>
        builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory scope && !ReferenceEquals(scope, host)
            ? MetricStreamConfiguration.Drop
            : null);
}
