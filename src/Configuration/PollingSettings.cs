namespace AddonGrains.Configuration;

/// <summary>How often checks run (<c>polling</c> in docs/configuration.md).</summary>
public sealed record PollingSettings(TimeSpan Interval, TimeSpan RolloutInterval, int OcmConcurrency)
{
    /// <summary>The defaults in docs/configuration.md.</summary>
    public static PollingSettings Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), 8);
}
