namespace AddonGrains.Grains.Configuration;

/// <summary>The decision policy of one organization (contract §2 <c>policy</c>).</summary>
public sealed record RolloutPolicy(
    FirstSeenPolicy FirstSeen,
    RollbackPolicy Rollbacks,
    NotReadyPolicy NotReadyClusters,
    TimeSpan Soak,
    TimeSpan StallAfter)
{
    /// <summary>The defaults of contract §2.</summary>
    public static RolloutPolicy Default { get; } =
        new(FirstSeenPolicy.Baseline, RollbackPolicy.Trigger, NotReadyPolicy.Ignore, TimeSpan.Zero, TimeSpan.FromHours(24));
}
