using System.Text.Json;

namespace AddonGrains.Simulators.Ocm;

/// <summary>
/// The add-on service's JSON (<c>/api/addons_mgmt/v1</c>): <c>AddonInstallation</c> with the full <c>addon</c> and
/// <c>addon_version</c> objects, <c>desired_version</c> and <c>parameters</c> in either shape, and <c>AddonStatus</c>
/// with its <c>status_conditions</c>. Unset fields are left out.
/// </summary>
internal static class OcmAddonServiceJson
{
    public const string Service = "addons_mgmt";
    private const string Api = "/api/addons_mgmt/v1";

    public static void WriteInstallation(Utf8JsonWriter writer, string clusterId, OcmSimulatorState.InstallationSnapshot i, bool bareParameters)
    {
        Span<char> buffer = stackalloc char[512];
        writer.WriteStartObject();
        writer.WriteString("kind", "AddonInstallation");
        writer.WriteString("id", i.AddonId);
        writer.WriteString("href", OcmJsonWriter.Format(buffer, $"{Api}/clusters/{clusterId}/addons/{i.AddonId}"));
        writer.WriteStartObject("addon");
        writer.WriteString("kind", "Addon");
        writer.WriteString("id", i.AddonId);
        writer.WriteString("href", OcmJsonWriter.Format(buffer, $"{Api}/addons/{i.AddonId}"));
        writer.WriteString("name", i.AddonId);
        writer.WriteBoolean("enabled", true);
        writer.WriteEndObject();
        writer.WriteStartObject("addon_version");
        writer.WriteString("kind", "AddonVersion");
        writer.WriteString("id", i.Version);
        writer.WriteString("href", OcmJsonWriter.Format(buffer, $"{Api}/addons/{i.AddonId}/versions/{i.Version}"));
        writer.WriteBoolean("enabled", true);
        writer.WriteEndObject();
        if (i.DesiredVersion is not null)
        {
            writer.WriteString("desired_version", i.DesiredVersion);
        }
        writer.WriteString("state", i.State);
        if (i.StateDescription is not null)
        {
            writer.WriteString("state_description", i.StateDescription);
        }
        writer.WriteString("operator_version", i.Version);
        writer.WriteString("csv_name", OcmJsonWriter.Format(buffer, $"{i.AddonId}.v{i.Version}"));
        // The writer of the API model wraps the list in 'items'; its OpenAPI says a bare array: both are served.
        if (!bareParameters)
        {
            writer.WriteStartObject("parameters");
            writer.WriteStartArray("items");
        }
        else
        {
            writer.WriteStartArray("parameters");
        }
        writer.WriteStartObject();
        writer.WriteString("id", "notification-email");
        writer.WriteString("value", "sre@example.com");
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (!bareParameters)
        {
            writer.WriteEndObject();
        }
        writer.WriteString("creation_timestamp", OcmJsonWriter.Format(buffer, i.Created));
        writer.WriteString("updated_timestamp", OcmJsonWriter.Format(buffer, i.Updated));
        writer.WriteEndObject();
    }

    public static void WriteStatus(Utf8JsonWriter writer, string clusterId, OcmSimulatorState.InstallationSnapshot i)
    {
        Span<char> buffer = stackalloc char[512];
        writer.WriteStartObject();
        writer.WriteString("kind", "AddonStatus");
        writer.WriteString("id", i.AddonId);
        writer.WriteString("href", OcmJsonWriter.Format(buffer, $"{Api}/clusters/{clusterId}/status/{i.AddonId}"));
        writer.WriteString("addon_id", i.AddonId);
        writer.WriteString("correlation_id", OcmJsonWriter.Format(buffer, $"{clusterId}-{i.AddonId}"));
        writer.WriteString("version", i.Version);
        writer.WriteStartArray("status_conditions");
        foreach (var condition in i.Conditions ?? SimulatedAddonCondition.For(i.State))
        {
            writer.WriteStartObject();
            writer.WriteString("status_type", condition.Type);
            writer.WriteString("status_value", condition.Value);
            if (condition.Reason is not null)
            {
                writer.WriteString("reason", condition.Reason);
            }
            if (condition.Message is not null)
            {
                writer.WriteString("message", condition.Message);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
