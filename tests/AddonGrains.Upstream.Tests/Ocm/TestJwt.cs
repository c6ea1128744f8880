using System.Buffers.Text;
using System.Text.Json;

namespace AddonGrains.Upstream.Tests.Ocm;

internal static class TestJwt
{
    public static string Create(DateTimeOffset expires, string id = "t") =>
        $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(new { exp = expires.ToUnixTimeSeconds(), typ = "Bearer", jti = id })}.c2ln";

    public static string TokenResponse(string token) =>
        JsonSerializer.Serialize(new { access_token = token, token_type = "bearer", expires_in = 900 });

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
