using System.Buffers.Text;
using System.Text.Json;

namespace AddonGrains.Upstream.Ocm;

/// <summary>Reads the <c>exp</c> claim of a JWT without verifying it (as the OCM SDK does).</summary>
internal static class OcmJwt
{
    /// <summary>The expiry, or null for an opaque (non-JWT) token or one without <c>exp</c>.</summary>
    public static DateTimeOffset? TryReadExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("exp", out var exp)
                && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
