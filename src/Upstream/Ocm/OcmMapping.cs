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
        dto.StateDescription);

    public static OcmAddon ToAddon(OcmAddonDto dto) => new(
        Required(dto.Id, "an add-on without 'id'"),
        dto.Name,
        dto.Version?.Id);

    private static string Required(string? value, string problem) =>
        string.IsNullOrEmpty(value) ? throw new FormatException(problem) : value;
}
