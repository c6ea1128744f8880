namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// An <c>AddOnInstallation</c>; <c>addon</c> and <c>addon_version</c> are links or full objects. Only the fields the
/// check reads are bound; the rest (parameters, billing, timestamps, …) is skipped unparsed.
/// </summary>
internal sealed class OcmAddonInstallationDto
{
    public string? Id { get; init; }

    public OcmLinkDto? Addon { get; init; }

    public OcmLinkDto? AddonVersion { get; init; }

    public string? State { get; init; }

    public string? StateDescription { get; init; }
}
