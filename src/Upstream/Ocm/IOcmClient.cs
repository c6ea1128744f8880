namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// The OCM clusters_mgmt v1 API, as the check engine uses it. Every method either returns complete data
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

    /// <summary>The add-on catalog.</summary>
    Task<IReadOnlyList<OcmAddon>> ListAddonsAsync(CancellationToken cancellationToken = default);
}
