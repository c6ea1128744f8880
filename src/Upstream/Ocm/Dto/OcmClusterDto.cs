namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The cluster fields the service reads. Every field may be absent; states stay raw strings.</summary>
internal sealed class OcmClusterDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    public string? State { get; init; }

    public bool? Managed { get; init; }

    public OcmLinkDto? Product { get; init; }
}
