using AddonGrains.Upstream.Ocm.Dto;

namespace AddonGrains.Upstream.Ocm;

/// <summary>DTO → public model. A missing required field throws <see cref="FormatException"/>, reported as malformed.</summary>
internal static class OcmMapping
{
    // A missing state is reported as OCM's own "unknown" so it never counts as ready.
    private const string UnknownState = "unknown";

    public static OcmCluster ToCluster(OcmClusterDto dto) => new(
        Required(dto.Id, "a cluster without 'id'"),
        dto.Name ?? dto.DisplayName ?? dto.Id!,
        dto.State ?? UnknownState,
        dto.Managed ?? false,
        dto.Product?.Id);

    public static OcmAddonInstallation ToInstallation(OcmAddonInstallationDto dto) => new(
        Required(dto.AddonId ?? dto.Id, "an add-on installation without 'addon.id' or 'id'"),
        dto.AddonVersionId,
        dto.State ?? UnknownState,
        dto.StateDescription,
        string.IsNullOrEmpty(dto.DesiredVersion) ? null : dto.DesiredVersion);

    /// <summary>The status of <paramref name="addonId"/>; a status of another add-on, or a condition without a type, is malformed.</summary>
    public static OcmAddonStatus ToStatus(OcmAddonStatusDto dto, string addonId)
    {
        if (dto.AddonId is { } id && !string.Equals(id, addonId, StringComparison.Ordinal))
        {
            throw new FormatException($"the status is of add-on '{id}', not '{addonId}'");
        }
        var conditions = new OcmAddonCondition[dto.Conditions.Count];
        for (var i = 0; i < conditions.Length; i++)
        {
            var c = dto.Conditions[i];
            conditions[i] = new OcmAddonCondition(Required(c.Type, "a status condition without 'status_type'"), c.Value ?? "Unknown", c.Reason);
        }
        return new OcmAddonStatus(addonId, dto.Version, conditions);
    }

    public static OcmAddon ToAddon(OcmAddonDto dto) => new(
        Required(dto.Id, "an add-on without 'id'"),
        dto.Name,
        dto.Version?.Id);

    private static string Required(string? value, string problem) =>
        string.IsNullOrEmpty(value) ? throw new FormatException(problem) : value;
}
