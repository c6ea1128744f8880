using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>A reference (<c>kind: XxxLink</c>, id, href) or the full object; only <c>id</c> is read (the rest is skipped unparsed).</summary>
internal sealed class OcmLinkDto
{
    [JsonConverter(typeof(OcmSharedStringConverter))]
    public string? Id { get; set; }
}
