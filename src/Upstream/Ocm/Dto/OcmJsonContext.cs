using System.Text.Json.Serialization;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>Source-generated (de)serialization of the OCM payloads: no reflection, fewer allocations per listing.</summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(OcmAddonInstallationListConverter), typeof(OcmAddonStatusConverter)])]
[JsonSerializable(typeof(OcmListDto<OcmClusterDto>))]
[JsonSerializable(typeof(OcmListDto<OcmAddonInstallationDto>))]
[JsonSerializable(typeof(OcmListDto<OcmAddonDto>))]
[JsonSerializable(typeof(OcmAddonStatusDto))]
[JsonSerializable(typeof(OcmErrorDto))]
[JsonSerializable(typeof(OcmTokenResponseDto))]
internal sealed partial class OcmJsonContext : JsonSerializerContext;
