namespace AddonGrains.GrainInterfaces;

/// <summary>A cluster named in a status: id, name, and what it reports for the add-on.</summary>
[GenerateSerializer, Immutable, Alias("cluster-ref")]
public sealed record ClusterRef(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? AddonState,
    [property: Id(4)] string ClusterState,
    [property: Id(5)] string Reason)
{
    /// <summary>The add-on service's desired version (null when not reported).</summary>
    [Id(6)] public string? DesiredVersion { get; init; }

    /// <summary>The status condition that held the cluster back (e.g. <c>UpgradeSucceeded=False</c>), or null.</summary>
    [Id(7)] public string? HeldBy { get; init; }
}
