namespace AddonGrains.GrainInterfaces;

/// <summary>Where one event stands with one notifier.</summary>
[GenerateSerializer, Alias("notification-delivery-status")]
public enum NotificationDeliveryStatus
{
    /// <summary>Recorded, not delivered yet (retrying after a failure when <c>Attempts</c> &gt; 0).</summary>
    Pending = 0,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,
    /// <summary>The receiver refused it for good (a 4xx other than 408/429), or retries gave up.</summary>
    Failed = 2,
    /// <summary>Dropped undelivered: past the pending cap, or its notifier left the configuration.</summary>
    Dropped = 3,
}

/// <summary>One row of <c>addongrains notifications</c>: an event, a notifier and how its delivery went.</summary>
[GenerateSerializer, Immutable, Alias("notification-delivery")]
public sealed record NotificationDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string Notifier,
    [property: Id(3)] NotificationDeliveryStatus Status,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? LastError,
    [property: Id(6)] string? Version,
    [property: Id(7)] string? Job,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] DateTimeOffset? NextAttemptAt);
