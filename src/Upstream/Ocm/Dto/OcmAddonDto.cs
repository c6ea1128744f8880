namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>A catalog <c>AddOn</c>; <c>version</c> links to the current default version.</summary>
internal sealed class OcmAddonDto
{
    public string? Kind { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public OcmLinkDto? Version { get; init; }
}
