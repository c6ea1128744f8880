namespace AddonGrains.Grains.Decision;

/// <summary>The outcome of the decision rule for one organization × add-on at one check.</summary>
public sealed record RolloutAssessment(
    RolloutPhase Phase,
    string? TargetVersion,
    int ClustersTotal,
    int ClustersApplicable,
    int ClustersOnTarget,
    ImmutableArray<ClusterRef> Stragglers,
    ImmutableArray<ClusterRef> Excluded,
    Decision Decision,
    RolloutMemory Memory,
    DateTimeOffset? SoakUntil,
    string? Error);
