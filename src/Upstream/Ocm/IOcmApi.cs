using Refit;

namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// The clusters_mgmt v1 list endpoints and the add-on service's (addons_mgmt v1) listing and status read. The bearer token is added by <see cref="OcmBearerHandler"/>. The responses
/// are read by <see cref="OcmClient"/> (each body an <see cref="Dto.OcmListDto{T}"/>): for a typed result Refit
/// copies every body into a buffer before parsing it, about a tenth of a check's allocations.
/// </summary>
internal interface IOcmApi
{
    [Get("/api/clusters_mgmt/v1/clusters")]
    Task<HttpResponseMessage> ListClustersAsync(
        [AliasAs("search")] string search,
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        [AliasAs("order")] string order,
        CancellationToken cancellationToken);

    [Get("/api/clusters_mgmt/v1/clusters/{clusterId}/addons")]
    Task<HttpResponseMessage> ListAddonInstallationsAsync(
        string clusterId,
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        CancellationToken cancellationToken);

    [Get("/api/addons_mgmt/v1/clusters/{clusterId}/addons")]
    Task<HttpResponseMessage> ListAddonServiceInstallationsAsync(
        string clusterId,
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        [AliasAs("order")] string order,
        CancellationToken cancellationToken);

    [Get("/api/addons_mgmt/v1/clusters/{clusterId}/status/{addonId}")]
    Task<HttpResponseMessage> GetAddonStatusAsync(
        string clusterId,
        string addonId,
        CancellationToken cancellationToken);

    [Get("/api/clusters_mgmt/v1/addons")]
    Task<HttpResponseMessage> ListAddonsAsync(
        [AliasAs("page")] int page,
        [AliasAs("size")] int size,
        [AliasAs("order")] string order,
        CancellationToken cancellationToken);
}
