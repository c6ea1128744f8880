using AddonGrains.Upstream.Ocm.Dto;

namespace AddonGrains.Upstream.Ocm;

/// <summary>The add-on service (<c>/api/addons_mgmt/v1</c>): a cluster's installations and one add-on's status, with the listings' rules.</summary>
internal sealed partial class OcmClient
{
    public Task<IReadOnlyList<OcmAddonInstallation>> ListAddonServiceInstallationsAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        // The add-on service's listing takes page, size and order but no search. Unlike the clusters_mgmt listing (whose
        // original integration never sends 'order'), it is asked for 'order=id asc', which its model documents: without
        // it the order is undefined, and a listing of more than one page could not be read consistently.
        return ListInstallationsAsync(
            new OcmOperation("GET /api/addons_mgmt/v1/clusters/", clusterId, "/addons"),
            static (api, cluster, page, size, ct) => api.ListAddonServiceInstallationsAsync(cluster, page, size, Order, ct),
            clusterId,
            cancellationToken);
    }

    public async Task<OcmAddonStatus> GetAddonStatusAsync(string clusterId, string addonId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(addonId);
        var operation = new OcmOperation("GET /api/addons_mgmt/v1/clusters/", clusterId, $"/status/{addonId}");
        var dto = await FetchAsync(operation, 0, 0, createApi(),
            static (api, ids, _, _, ct) => api.GetAddonStatusAsync(ids.ClusterId, ids.AddonId, ct), (ClusterId: clusterId, AddonId: addonId),
            OcmJsonContext.Default.OcmAddonStatusDto, cancellationToken).ConfigureAwait(false);
        try
        {
            return OcmMapping.ToStatus(dto, addonId);
        }
        catch (FormatException ex)
        {
            throw OcmErrors.Malformed(ocmName, operation.ToString(), ex.Message, ex);
        }
    }
}
