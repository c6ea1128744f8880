namespace AddonGrains.GrainInterfaces;

/// <summary>One row of <c>addongrains clusters</c>: what the last check observed on one cluster (docs/cli.md).</summary>
[GenerateSerializer, Immutable, Alias("cluster-status")]
public sealed record ClusterStatus(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] string Name,
    [property: Id(2)] string ClusterState,
    [property: Id(3)] string? AddonState,
    [property: Id(4)] string? Version,
    [property: Id(5)] bool InScope,
    [property: Id(6)] DateTimeOffset ObservedAt)
{
    /// <summary>The add-on service's desired version (null when not reported).</summary>
    [Id(7)] public string? DesiredVersion { get; init; }

    /// <summary>What holds this cluster back from the target version besides its version and state, e.g. <c>UpgradeSucceeded=False</c>; null when nothing.</summary>
    [Id(8)] public string? HeldBy { get; init; }
}
