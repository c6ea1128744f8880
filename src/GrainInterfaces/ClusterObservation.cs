using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One cluster as a check saw it. <see cref="Installations"/> is default (not listed) for clusters that were
/// out of scope (not <c>ready</c>): their add-ons are not listed.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster-observation")]
public sealed record ClusterObservation(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] string Name,
    [property: Id(2)] string State,
    [property: Id(3)] ImmutableArray<AddonInstallation> Installations,
    [property: Id(4)] DateTimeOffset ObservedAt)
{
    /// <summary>Whether the add-ons of this cluster were listed.</summary>
    public bool Listed => !Installations.IsDefault;
}
