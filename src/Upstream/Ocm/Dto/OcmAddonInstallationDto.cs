namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// An <c>AddOnInstallation</c>; <c>addon</c> and <c>addon_version</c> are links or full objects. Only the fields the
/// check reads are bound; the rest (parameters, billing, timestamps, …) is skipped unparsed.
/// </summary>
internal sealed class OcmAddonInstallationDto
{
    public string? Id { get; set; }

    public OcmLinkDto? Addon { get; set; }

    public OcmLinkDto? AddonVersion { get; set; }

    public string? State { get; set; }

    public string? StateDescription { get; set; }
}
