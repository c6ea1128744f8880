namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>Hand-written payloads following the examples in docs/upstream-apis.md, "OCM".</summary>
internal static class OcmFixtures
{
    public const string ClusterList = """
        {
          "kind": "ClusterList", "page": 1, "size": 1, "total": 1,
          "items": [{
            "kind": "Cluster", "id": "2a7c0example0000000000000000abcd",
            "href": "/api/clusters_mgmt/v1/clusters/2a7c0example0000000000000000abcd",
            "name": "prod-east", "display_name": "prod-east",
            "external_id": "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
            "state": "ready", "managed": true,
            "product": {"kind": "ProductLink", "id": "rosa", "href": "/api/clusters_mgmt/v1/products/rosa"},
            "subscription": {"kind": "SubscriptionLink", "id": "2SubExample", "href": "/api/accounts_mgmt/v1/subscriptions/2SubExample"},
            "hypershift": {"enabled": false},
            "version": {"kind": "Version", "id": "openshift-v4.15.3", "raw_id": "4.15.3", "channel_group": "stable", "available_upgrades": ["4.15.5"]},
            "addons": {"kind": "AddOnInstallationListLink", "href": "/api/clusters_mgmt/v1/clusters/2a7c0example0000000000000000abcd/addons"},
            "creation_timestamp": "2024-03-01T10:00:00.123456Z"
          }]
        }
        """;

    public const string InstallationList = """
        {
          "kind": "AddOnInstallationList", "page": 1, "size": 1, "total": 1,
          "items": [{
            "kind": "AddOnInstallation",
            "id": "managed-odh",
            "href": "/api/clusters_mgmt/v1/clusters/2a7c0example0000000000000000abcd/addons/managed-odh",
            "addon": {"kind": "AddOnLink", "id": "managed-odh", "href": "/api/clusters_mgmt/v1/addons/managed-odh"},
            "addon_version": {"kind": "AddOnVersionLink", "id": "2.8.1", "href": "/api/clusters_mgmt/v1/addons/managed-odh/versions/2.8.1"},
            "state": "ready",
            "state_description": "",
            "operator_version": "2.8.1",
            "parameters": {"items": [{"id": "notification-email", "value": "sre@example.com"}]},
            "creation_timestamp": "2024-03-02T08:00:00Z",
            "updated_timestamp": "2024-05-10T12:30:00Z"
          }]
        }
        """;

    public const string AddonList = """
        {"kind": "AddOnList", "page": 1, "size": 1, "total": 1,
         "items": [{"kind": "AddOn", "id": "managed-odh", "href": "/api/clusters_mgmt/v1/addons/managed-odh",
           "name": "Managed ODH", "enabled": true, "operator_name": "opendatahub-operator",
           "target_namespace": "redhat-odh", "install_mode": "own_namespace",
           "version": {"kind": "AddOnVersionLink", "id": "2.9.0", "href": "/api/clusters_mgmt/v1/addons/managed-odh/versions/2.9.0"}}]}
        """;

    public static string Clusters(int page, params string[] ids) => Clusters(page, ids.Length, ids);

    public static string Clusters(int page, int total, params string[] ids) =>
        $$"""{"kind":"ClusterList","page":{{page}},"size":{{ids.Length}},"total":{{total}},"items":[{{string.Join(",", ids.Select(id => $$"""{"kind":"Cluster","id":"{{id}}","state":"ready","managed":true}"""))}}]}""";

    public static string Installations(params string[] items) =>
        $$"""{"kind":"AddOnInstallationList","page":1,"size":{{items.Length}},"total":{{items.Length}},"items":[{{string.Join(",", items)}}]}""";
}
