using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AddonGrains.Grains.Notifications;

/// <summary>
/// Per-notifier metrics on the <see cref="Telemetry.Meter"/> (docs/observability.md): deliveries sent, failed attempts,
/// events dropped undelivered, and events pending (from the outboxes active on this silo). The same figures, since
/// this silo started, feed the status page.
/// </summary>
public static class NotificationTelemetry
{
    private const string NotifierLabel = "notifier";

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, int>> PendingByRollout = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, Totals> Totals_ = new(StringComparer.Ordinal);

    public static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>("addongrains.notifications.sent", unit: "{notification}",
        description: "Notifications a receiver accepted (2xx), per notifier.");

    public static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>("addongrains.notifications.failed", unit: "{attempt}",
        description: "Notification delivery attempts that failed (retried or not), per notifier.");

    public static readonly Counter<long> Dropped = Telemetry.Meter.CreateCounter<long>("addongrains.notifications.dropped", unit: "{notification}",
        description: "Notifications dropped undelivered (past the pending cap, or the notifier left the configuration), per notifier.");

    public static readonly ObservableGauge<long> Pending = Telemetry.Meter.CreateObservableGauge("addongrains.notifications.pending",
        () => PendingTotals().Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>(NotifierLabel, p.Key))),
        unit: "{notification}", description: "Notifications recorded and not delivered yet, per notifier (outboxes active on this silo).");

    public static void RecordSent(string notifier) => Count(Sent, notifier, t => Interlocked.Increment(ref t.Sent));

    public static void RecordFailed(string notifier) => Count(Failed, notifier, t => Interlocked.Increment(ref t.Failed));

    public static void RecordDropped(string notifier) => Count(Dropped, notifier, t => Interlocked.Increment(ref t.Dropped));

    public static void RecordPending(string rolloutKey, IReadOnlyDictionary<string, int> pending) => PendingByRollout[rolloutKey] = pending;

    public static void Forget(string rolloutKey) => PendingByRollout.TryRemove(rolloutKey, out _);

    /// <summary>Since this silo started, per notifier: (sent, failed attempts, dropped, pending now), by name.</summary>
    public static IReadOnlyList<(string Notifier, long Sent, long Failed, long Dropped, long Pending)> Summary()
    {
        var pending = PendingTotals();
        return [.. Totals_.Keys.Concat(pending.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name =>
        {
            var t = Totals_.GetValueOrDefault(name) ?? new Totals();
            return (name, Interlocked.Read(ref t.Sent), Interlocked.Read(ref t.Failed), Interlocked.Read(ref t.Dropped), pending.GetValueOrDefault(name));
        })];
    }

    private static Dictionary<string, long> PendingTotals() =>
        PendingByRollout.Values.SelectMany(p => p).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Sum(p => p.Value), StringComparer.Ordinal);

    private static void Count(Counter<long> counter, string notifier, Action<Totals> total)
    {
        counter.Add(1, new KeyValuePair<string, object?>(NotifierLabel, notifier));
        total(Totals_.GetOrAdd(notifier, _ => new Totals()));
    }

    private sealed class Totals
    {
        public long Sent;
        public long Failed;
        public long Dropped;
    }
}
