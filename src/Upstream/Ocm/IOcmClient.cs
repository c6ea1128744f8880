namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// The OCM clusters_mgmt v1 API and the add-on service (addons_mgmt v1), as the check engine uses them. Every method either returns complete data
/// or throws <see cref="OcmException"/>: never partial data.
/// </summary>
public interface IOcmClient
{
    /// <summary>Every managed cluster of the organization, all pages, ordered by id.</summary>
    Task<IReadOnlyList<OcmCluster>> ListClustersAsync(string organizationId, CancellationToken cancellationToken = default) =>
        ListClustersAsync(organizationId, [], cancellationToken);

    /// <summary>
    /// Every managed cluster of the organization whose <c>product.id</c> is one of <paramref name="products"/>
    /// (every product when empty), all pages, ordered by id.
    /// </summary>
    Task<IReadOnlyList<OcmCluster>> ListClustersAsync(string organizationId, IReadOnlyCollection<string> products, CancellationToken cancellationToken = default);

    /// <summary>Every add-on installation on the cluster, all pages, ordered by add-on id (sorted here: OCM gets no <c>order</c>).</summary>
    Task<IReadOnlyList<OcmAddonInstallation>> ListAddonInstallationsAsync(string clusterId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every add-on installation on the cluster from the add-on service (<c>/api/addons_mgmt/v1</c>), with its desired
    /// version, all pages (<c>order=id asc</c>; the listing takes no <c>search</c>), ordered by add-on id.
    /// </summary>
    Task<IReadOnlyList<OcmAddonInstallation>> ListAddonServiceInstallationsAsync(string clusterId, CancellationToken cancellationToken = default);

    /// <summary>The add-on service's status (conditions) of one add-on on the cluster.</summary>
    Task<OcmAddonStatus> GetAddonStatusAsync(string clusterId, string addonId, CancellationToken cancellationToken = default);

    /// <summary>The add-on catalog.</summary>
    Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default);
}
