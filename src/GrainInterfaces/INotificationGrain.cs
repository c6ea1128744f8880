using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The notification outbox of one organization × add-on (key: the rollout key): it records events durably, one
/// delivery per matching notifier, and delivers them in order per notifier, at least once, with retries.
/// </summary>
[Alias("notifications")]
public interface INotificationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the events (an event id already recorded is ignored) for each configured notifier that wants its kind
    /// and organization, durably, before returning; delivery happens afterwards and never inside this call.
    /// </summary>
    [Alias("record")]
    Task RecordAsync(ImmutableArray<NotificationEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Deliveries, newest first: pending ones and the most recent finished ones.</summary>
    [Alias("get-deliveries")]
    Task<ImmutableArray<NotificationDelivery>> GetDeliveriesAsync(int limit, CancellationToken cancellationToken = default);
}
