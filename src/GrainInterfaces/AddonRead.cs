using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// How a cluster grain reads its add-ons at one check: from which API, and for which add-ons (the organization's
/// subscribed ones) it also reads the add-on service's status conditions (empty: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("addon-read")]
public sealed record AddonRead(
    [property: Id(0)] AddonsApi Api,
    [property: Id(1)] ImmutableArray<string> StatusOf)
{
    /// <summary>The clusters_mgmt listing alone.</summary>
    public static AddonRead ClustersMgmt { get; } = new(AddonsApi.ClustersMgmt, []);
}
