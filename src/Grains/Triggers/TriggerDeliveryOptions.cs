namespace AddonGrains.Grains.Triggers;

/// <summary>How triggers are delivered and followed. Not part of the YAML contract: defaults suit production.</summary>
public sealed class TriggerDeliveryOptions
{
    /// <summary>How often a queued item or a running build is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay after a failed call; doubles per failure (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A trigger still failing to deliver this long after it was created ends as DeliveryFailed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The durable reminder period that resumes delivery after a crash (Orleans' minimum applies).</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
