namespace AddonGrains.Simulators.Ocm;

/// <summary>Route names used for fault injection and request counting.</summary>
public static class OcmRoutes
{
    /// <summary>The SSO token endpoint.</summary>
    public const string Token = "token";

    /// <summary><c>GET /api/clusters_mgmt/v1/clusters</c> (and a single cluster).</summary>
    public const string Clusters = "clusters";

    /// <summary><c>GET /api/clusters_mgmt/v1/clusters/{id}/addons</c> (installations).</summary>
    public const string Addons = "addons";

    /// <summary><c>GET /api/clusters_mgmt/v1/addons</c> (the catalog).</summary>
    public const string Catalog = "catalog";

    /// <summary><c>GET /api/addons_mgmt/v1/clusters/{id}/addons</c> (installations, from the add-on service).</summary>
    public const string ServiceAddons = "service-addons";

    /// <summary><c>GET /api/addons_mgmt/v1/clusters/{id}/status/{addon_id}</c> (status conditions of one add-on).</summary>
    public const string AddonStatus = "addon-status";

    /// <summary>Any other path.</summary>
    public const string Other = "other";

    internal const string TokenPath = "/auth/realms/redhat-external/protocol/openid-connect/token";
    internal const string ClustersPath = "/api/clusters_mgmt/v1/clusters";
    internal const string ServiceClustersPath = "/api/addons_mgmt/v1/clusters";
    internal const string CatalogPath = "/api/clusters_mgmt/v1/addons";
}
