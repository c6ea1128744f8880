namespace AddonGrains.Grains.Notifications;

/// <summary>
/// How notifications are delivered. Not part of the YAML contract (the silo binds <c>AddonGrains:Notifications</c>,
/// env <c>AddonGrains__Notifications__*</c>); the defaults suit production (docs/operations.md, "Notifications").
/// </summary>
public sealed class NotificationDeliveryOptions
{
    /// <summary>Undelivered events kept per organization × add-on and notifier; past it the oldest are dropped (and counted).</summary>
    public int MaxPending { get; set; } = 100;

    /// <summary>Finished deliveries (delivered, failed, dropped) kept per organization × add-on for the CLI.</summary>
    public int KeepFinished { get; set; } = 50;

    /// <summary>First retry delay; doubles per failed attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between attempts; also the longest <c>Retry-After</c> honoured.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event still undelivered this long after it was recorded ends Failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One HTTP attempt's timeout: a receiver that never answers costs at most this per attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a check or a trigger waits at most for an event to be recorded (it never waits for delivery).</summary>
    public TimeSpan RecordTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The durable reminder that resumes delivery after a crash while events are pending.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
