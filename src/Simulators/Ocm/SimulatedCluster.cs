namespace AddonGrains.Simulators.Ocm;

/// <summary>A cluster served by the simulator. <paramref name="OrganizationId"/> is matched by the search term <c>organization.id</c>; it is not a JSON field (as in OCM).</summary>
public sealed record SimulatedCluster(
    string Id,
    string Name,
    string OrganizationId,
    string State = "ready",
    string ProductId = "osd",
    bool Managed = true);
