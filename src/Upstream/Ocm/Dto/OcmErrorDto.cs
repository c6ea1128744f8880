using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The OCM error body. <c>id</c> is a string in practice and an integer in the OpenAPI: both are read.</summary>
internal sealed class OcmErrorDto
{
    public string? Kind { get; init; }

    [JsonConverter(typeof(OcmStringOrNumberConverter))]
    public string? Id { get; init; }

    public string? Href { get; init; }

    public string? Code { get; init; }

    public string? Reason { get; init; }

    public string? OperationId { get; init; }
}
