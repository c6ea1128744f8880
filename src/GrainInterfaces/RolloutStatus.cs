using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>One row of <c>addongrains status</c>: where an organization × add-on stands (docs/cli.md).</summary>
[GenerateSerializer, Immutable, Alias("rollout-status")]
public sealed record RolloutStatus(
    [property: Id(0)] string Organization,
    [property: Id(1)] string OrgId,
    [property: Id(2)] string Addon,
    [property: Id(3)] RolloutPhase Phase,
    [property: Id(4)] string? LastKnownVersion,
    [property: Id(5)] string? TargetVersion,
    [property: Id(6)] int ClustersTotal,
    [property: Id(7)] int ClustersApplicable,
    [property: Id(8)] int ClustersOnTarget,
    [property: Id(9)] int ClustersExcluded,
    [property: Id(10)] ImmutableArray<ClusterRef> Stragglers,
    [property: Id(11)] DateTimeOffset? RolloutStartedAt,
    [property: Id(12)] DateTimeOffset? LastCheckAt,
    [property: Id(13)] DateTimeOffset? NextCheckAt,
    [property: Id(14)] string? LastError,
    [property: Id(15)] ImmutableArray<ClusterRef> Excluded,
    [property: Id(16)] DateTimeOffset? SoakUntil,
    [property: Id(17)] int ConvergenceEvents)
{
    /// <summary>The content hash of the configuration the answering silo runs (hot reload: it may differ per silo).</summary>
    [Id(18)] public string? ConfigHash { get; init; }

    /// <summary>Set while paused (then <see cref="Phase"/> is <see cref="RolloutPhase.Paused"/>): who, why, until when.</summary>
    [Id(19)] public PauseInfo? Pause { get; init; }

    /// <summary>Triggers created while paused and not handed to Jenkins yet; delivered once at resume.</summary>
    [Id(20)] public int HeldTriggers { get; init; }
}
