using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary><c>parameters</c> as OCM writes it, <c>{"items":[…]}</c>; a bare array (as the OpenAPI claims) is accepted too.</summary>
[JsonConverter(typeof(OcmParameterListConverter))]
internal sealed class OcmParameterListDto
{
    public List<OcmParameterDto> Items { get; init; } = [];
}
