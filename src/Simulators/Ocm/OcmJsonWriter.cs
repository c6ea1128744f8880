using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AddonGrains.Simulators.Ocm;

/// <summary>OCM-shaped JSON: links with <c>kind: XxxLink</c>, unset fields left out, RFC 3339 timestamps with fractions.</summary>
internal static class OcmJsonWriter
{
    private const string Api = "/api/clusters_mgmt/v1";

    /// <summary>The list envelope; <c>size</c> is the number of items on this page.</summary>
    public static void WriteList<T>(Utf8JsonWriter writer, string kind, int page, int total, List<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        writer.WriteNumber("page", page);
        writer.WriteNumber("size", items.Count);
        writer.WriteNumber("total", total);
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            writeItem(writer, item);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
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

    /// <summary>One installation, written without intermediate strings: the add-on listing is the hot route of a check.</summary>
    public static void WriteInstallation(Utf8JsonWriter writer, string clusterId, OcmSimulatorState.InstallationSnapshot i, string state)
    {
        Span<char> buffer = stackalloc char[512];
        writer.WriteStartObject();
        writer.WriteString("kind", "AddOnInstallation");
        writer.WriteString("id", i.AddonId);
        writer.WriteString("href", Format(buffer, $"{Api}/clusters/{clusterId}/addons/{i.AddonId}"));
        WriteLink(writer, "addon", "AddOnLink", i.AddonId, Format(buffer, $"{Api}/addons/{i.AddonId}"));
        WriteLink(writer, "addon_version", "AddOnVersionLink", i.Version, Format(buffer, $"{Api}/addons/{i.AddonId}/versions/{i.Version}"));
        writer.WriteString("state", state);
        if (i.StateDescription is not null)
        {
            writer.WriteString("state_description", i.StateDescription);
        }
        writer.WriteString("operator_version", i.Version);
        writer.WriteStartObject("parameters");
        writer.WriteStartArray("items");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("creation_timestamp", Format(buffer, i.Created));
        writer.WriteString("updated_timestamp", Format(buffer, i.Updated));
        writer.WriteEndObject();
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

    /// <summary>The OCM error body of clusters_mgmt (or of <paramref name="service"/>, e.g. <c>addons_mgmt</c>); <c>id</c> is a string, as the real server sends it.</summary>
    public static JsonObject Error(int status, string reason, string service = "clusters_mgmt") => new()
    {
        ["kind"] = "Error",
        ["id"] = status.ToString(CultureInfo.InvariantCulture),
        ["href"] = $"/api/{service}/v1/errors/{status}",
        ["code"] = $"{service.Replace('_', '-').ToUpperInvariant()}-{status}",
        ["reason"] = reason,
        ["operation_id"] = Guid.NewGuid().ToString(),
    };

    internal static void WriteLink(Utf8JsonWriter writer, string name, string kind, string id, ReadOnlySpan<char> href)
    {
        writer.WriteStartObject(name);
        writer.WriteString("kind", kind);
        writer.WriteString("id", id);
        writer.WriteString("href", href);
        writer.WriteEndObject();
    }

    internal static ReadOnlySpan<char> Format(Span<char> buffer, [System.Runtime.CompilerServices.InterpolatedStringHandlerArgument(nameof(buffer))] MemoryExtensions.TryWriteInterpolatedStringHandler text) =>
        MemoryExtensions.TryWrite(buffer, ref text, out var written) ? buffer[..written] : throw new InvalidOperationException("href longer than 512 characters");

    internal static ReadOnlySpan<char> Format(Span<char> buffer, DateTimeOffset value) =>
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)
            ? buffer[..written]
            : throw new InvalidOperationException("timestamp did not fit");

    private static JsonObject Link(string kind, string id, string href) => new() { ["kind"] = kind, ["id"] = id, ["href"] = href };

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string ExternalId(string clusterId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(clusterId)).AsSpan(0, 16)).ToString();
}
