using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The cluster fields the service reads. Every field may be absent; states stay raw strings.</summary>
internal sealed class OcmClusterDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? DisplayName { get; set; }

    [JsonConverter(typeof(OcmSharedStringConverter))]
    public string? State { get; set; }

    public bool? Managed { get; set; }

    public OcmLinkDto? Product { get; set; }
}
