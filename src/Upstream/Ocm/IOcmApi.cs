using AddonGrains.Upstream.Ocm.Dto;
using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary>The clusters_mgmt v1 list endpoints. The bearer token is added by <see cref="OcmBearerHandler"/>.</summary>
internal interface IOcmApi
{
    [Get("/api/clusters_mgmt/v1/clusters")]
    Task<OcmListDto<OcmClusterDto>> ListClustersAsync(
        [AliasAs("search")] string search,
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        [AliasAs("order")] string order,
        CancellationToken cancellationToken);

    [Get("/api/clusters_mgmt/v1/clusters/{clusterId}/addons")]
    Task<OcmListDto<OcmAddonInstallationDto>> ListAddonInstallationsAsync(
        string clusterId,
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        CancellationToken cancellationToken);

    [Get("/api/clusters_mgmt/v1/addons")]
    Task<OcmListDto<OcmAddonDto>> ListAddonsAsync(
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        [AliasAs("order")] string order,
        CancellationToken cancellationToken);
}
