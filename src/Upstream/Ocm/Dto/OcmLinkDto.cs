namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>A reference (<c>kind: XxxLink</c>, id, href) or the full object; only the shared fields are read.</summary>
internal sealed class OcmLinkDto
{
    public string? Kind { get; init; }

    public string? Id { get; init; }

    public string? Href { get; init; }

    public string? Name { get; init; }
}
