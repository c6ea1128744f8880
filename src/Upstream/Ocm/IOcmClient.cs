namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// The OCM clusters_mgmt v1 API, as the check engine uses it. Every method either returns complete data
/// or throws <see cref="OcmException"/>: never partial data.
/// </summary>
public interface IOcmClient
{
    /// <summary>Every managed cluster of the organization, all pages, ordered by id.</summary>
    Task<IReadOnlyList<OcmCluster>> ListClustersAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>Every add-on installation on the cluster, all pages.</summary>
    Task<IReadOnlyList<OcmAddonInstallation>> ListAddonInstallationsAsync(string clusterId, CancellationToken cancellationToken = default);

    /// <summary>The add-on catalog.</summary>
    Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default);
}
