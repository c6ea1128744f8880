namespace AddonGrains.Grains.Notifications;

/// <summary>
/// The durable outbox of one organization × add-on. Bounded: at most <see cref="NotificationDeliveryOptions.MaxPending"/>
/// pending entries per notifier, <see cref="NotificationDeliveryOptions.KeepFinished"/> finished ones and
/// <see cref="MaxRecentIds"/> recent event ids. Schema 1; fields are only ever appended.
/// </summary>
[GenerateSerializer, Alias("notification-state")]
public sealed class NotificationState
{
    public const int CurrentSchema = 1;

    /// <summary>Event ids remembered to recognise an event recorded twice.</summary>
    public const int MaxRecentIds = 500;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;

    /// <summary>Undelivered entries, oldest first; each notifier delivers its own in this order.</summary>
    [Id(1)] public List<NotificationEntry> Pending { get; set; } = [];

    /// <summary>Delivered, failed and dropped entries, oldest first.</summary>
    [Id(2)] public List<NotificationEntry> Finished { get; set; } = [];

    /// <summary>Ids of the events recorded most recently, oldest first.</summary>
    [Id(3)] public List<string> RecentIds { get; set; } = [];
}

/// <summary>One event for one notifier.</summary>
[GenerateSerializer, Alias("notification-entry")]
public sealed class NotificationEntry
{
    [Id(0)] public required NotificationEvent Event { get; set; }
    [Id(1)] public required string Notifier { get; set; }
    [Id(2)] public NotificationDeliveryStatus Status { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public DateTimeOffset RecordedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Not before this time (after a failed attempt); null: now.</summary>
    [Id(7)] public DateTimeOffset? NextAttemptAt { get; set; }

    public NotificationDelivery Snapshot() => new(Event.Id, Event.Kind, Notifier, Status, Attempts, LastError, Event.Version, Event.Job,
        RecordedAt, UpdatedAt, Status == NotificationDeliveryStatus.Pending ? NextAttemptAt : null);
}
