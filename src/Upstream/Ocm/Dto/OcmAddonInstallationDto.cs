namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>
/// An <c>AddOnInstallation</c>, as <see cref="OcmAddonInstallationListConverter"/> reads it: of <c>addon</c> and
/// <c>addon_version</c> (links or full objects) only their <c>id</c>. Only the fields the check reads are bound; the
/// rest (parameters, billing, timestamps, …) is skipped unparsed.
/// </summary>
internal sealed class OcmAddonInstallationDto
{
    public string? Id { get; set; }

    /// <summary><c>addon.id</c>.</summary>
    public string? AddonId { get; set; }

    /// <summary><c>addon_version.id</c>.</summary>
    public string? AddonVersionId { get; set; }

    public string? State { get; set; }

    public string? StateDescription { get; set; }

    /// <summary><c>desired_version</c> (the add-on service only).</summary>
    public string? DesiredVersion { get; set; }
}
