using System.Text.Json;

namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The serializer settings for OCM payloads (snake_case, unknown fields ignored), backed by <see cref="OcmJsonContext"/>.</summary>
internal static class OcmJson
{
    public static readonly JsonSerializerOptions Options = OcmJsonContext.Default.Options;

    /// <summary>The Refit settings of the OCM API client (and of the <see cref="Refit.ApiException"/>s it makes of failed statuses).</summary>
    public static readonly Refit.RefitSettings RefitSettings = new(new Refit.SystemTextJsonContentSerializer(Options));
}
