namespace AddonGrains.Configuration;

/// <summary>The decision policy of one organization (<c>policy</c> in docs/configuration.md).</summary>
public sealed record RolloutPolicy(
    FirstSeenPolicy FirstSeen,
    RollbackPolicy Rollbacks,
    NotReadyPolicy NotReadyClusters,
    TimeSpan Soak,
    TimeSpan StallAfter)
{
    /// <summary>The defaults in docs/configuration.md.</summary>
    public static RolloutPolicy Default { get; } =
        new(FirstSeenPolicy.Baseline, RollbackPolicy.Trigger, NotReadyPolicy.Ignore, TimeSpan.Zero, TimeSpan.FromHours(24));
}
