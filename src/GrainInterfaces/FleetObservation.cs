using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One organization's clusters and their add-on installations, complete — or, when <see cref="Error"/> is set,
/// nothing usable (a check from it is Inconclusive).
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet-observation")]
public sealed record FleetObservation(
    [property: Id(0)] ImmutableArray<ClusterObservation> Clusters,
    [property: Id(1)] DateTimeOffset ObservedAt,
    [property: Id(2)] string? Error)
{
    public static FleetObservation Failed(string error, DateTimeOffset at) => new([], at, error);
}
