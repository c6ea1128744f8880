namespace AddonGrains.Grains.Configuration;

/// <summary>How often checks run (contract §2 <c>polling</c>).</summary>
public sealed record PollingSettings(TimeSpan Interval, TimeSpan RolloutInterval, int OcmConcurrency)
{
    /// <summary>The defaults of contract §2.</summary>
    public static PollingSettings Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), 8);
}
