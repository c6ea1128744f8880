using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace AddonGrains.Grains.Placement;

/// <summary>
/// Places a grain whose key starts with an organization's name on that organization's home silo
/// (<see cref="OrganizationHomes"/>): its rollouts, its organization grain and its cluster grains live together, so
/// a check makes no call to another silo, and the organizations spread evenly over the silos.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class OrganizationPlacement : PlacementStrategy
{
    internal static readonly OrganizationPlacement Instance = new();
}

/// <summary>Marks a grain class for <see cref="OrganizationPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OrganizationPlacementAttribute() : PlacementAttribute(OrganizationPlacement.Instance);

/// <summary>
/// Chooses the organization's home among the silos that can host the grain; an organization that is not configured
/// (a grain read after its organization was removed) stays on the silo that asked. An explicit placement hint (a
/// migration to a given silo) is followed; the grain goes home again after its next call.
/// </summary>
internal sealed class OrganizationPlacementDirector(OrganizationHomes homes) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }
        var organization = OrganizationHomes.OrganizationOf(target.GrainIdentity.Key.ToString() ?? "");
        if (homes.HomeOf(organization, silos) is { } home)
        {
            return Task.FromResult(home);
        }
        return Task.FromResult(silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[Random.Shared.Next(silos.Length)]);
    }
}
