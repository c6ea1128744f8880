using System.Globalization;
using System.Text.Json.Nodes;

namespace AddonGrains.Simulators.Ocm;

/// <summary>OCM-shaped JSON: links with <c>kind: XxxLink</c>, unset fields left out, RFC 3339 timestamps with fractions.</summary>
internal static class OcmJsonWriter
{
    private const string Api = "/api/clusters_mgmt/v1";

    public static JsonObject List(string kind, int page, int total, IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject
        {
            ["kind"] = kind,
            ["page"] = page,
            ["size"] = array.Count,
            ["total"] = total,
            ["items"] = array,
        };
    }

    public static JsonObject Cluster(OcmSimulatorState.ClusterSnapshot snapshot)
    {
        var c = snapshot.Cluster;
        var href = $"{Api}/clusters/{c.Id}";
        return new JsonObject
        {
            ["kind"] = "Cluster",
            ["id"] = c.Id,
            ["href"] = href,
            ["name"] = c.Name,
            ["display_name"] = c.Name,
            ["external_id"] = ExternalId(c.Id),
            ["state"] = c.State,
            ["managed"] = c.Managed,
            ["product"] = Link("ProductLink", c.ProductId, $"{Api}/products/{c.ProductId}"),
            ["subscription"] = Link("SubscriptionLink", $"sub-{c.Id}", $"/api/accounts_mgmt/v1/subscriptions/sub-{c.Id}"),
            ["hypershift"] = new JsonObject { ["enabled"] = false },
            ["addons"] = new JsonObject { ["kind"] = "AddOnInstallationListLink", ["href"] = $"{href}/addons" },
            ["creation_timestamp"] = Timestamp(snapshot.Created),
        };
    }

    public static JsonObject Installation(string clusterId, OcmSimulatorState.InstallationSnapshot i)
    {
        var json = new JsonObject
        {
            ["kind"] = "AddOnInstallation",
            ["id"] = i.AddonId,
            ["href"] = $"{Api}/clusters/{clusterId}/addons/{i.AddonId}",
            ["addon"] = Link("AddOnLink", i.AddonId, $"{Api}/addons/{i.AddonId}"),
            ["addon_version"] = Link("AddOnVersionLink", i.Version, $"{Api}/addons/{i.AddonId}/versions/{i.Version}"),
            ["state"] = i.State,
        };
        if (i.StateDescription is not null)
        {
            json["state_description"] = i.StateDescription;
        }
        json["operator_version"] = i.Version;
        json["parameters"] = new JsonObject { ["items"] = new JsonArray() };
        json["creation_timestamp"] = Timestamp(i.Created);
        json["updated_timestamp"] = Timestamp(i.Updated);
        return json;
    }

    public static JsonObject Addon(OcmSimulatorState.CatalogEntry a)
    {
        var json = new JsonObject
        {
            ["kind"] = "AddOn",
            ["id"] = a.Id,
            ["href"] = $"{Api}/addons/{a.Id}",
            ["name"] = a.Name,
            ["enabled"] = true,
        };
        if (a.DefaultVersion is not null)
        {
            json["version"] = Link("AddOnVersionLink", a.DefaultVersion, $"{Api}/addons/{a.Id}/versions/{a.DefaultVersion}");
        }
        return json;
    }

    /// <summary>The OCM error body; <c>id</c> is a string, as the real server sends it.</summary>
    public static JsonObject Error(int status, string reason) => new()
    {
        ["kind"] = "Error",
        ["id"] = status.ToString(CultureInfo.InvariantCulture),
        ["href"] = $"{Api}/errors/{status}",
        ["code"] = $"CLUSTERS-MGMT-{status}",
        ["reason"] = reason,
        ["operation_id"] = Guid.NewGuid().ToString(),
    };

    private static JsonObject Link(string kind, string id, string href) => new() { ["kind"] = kind, ["id"] = id, ["href"] = href };

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string ExternalId(string clusterId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(clusterId)).AsSpan(0, 16)).ToString();
}
