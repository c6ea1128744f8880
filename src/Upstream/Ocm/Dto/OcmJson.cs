using System.Text.Json;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The serializer settings for OCM payloads (snake_case, unknown fields ignored).</summary>
internal static class OcmJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
    };
}
