using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace AddonGrains.Simulators.Ocm;

/// <summary>Issues JWT-shaped tokens (unsigned in substance: random signature) and remembers them to validate bearers.</summary>
internal sealed class OcmTokenIssuer(TimeProvider timeProvider, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private long _lifetimeTicks = lifetime.Ticks;

    public TimeSpan Lifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _lifetimeTicks));
        set => Interlocked.Exchange(ref _lifetimeTicks, value.Ticks);
    }

    public (string Token, long ExpiresIn) Issue(string clientId)
    {
        var now = timeProvider.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + Lifetime).ToUnixTimeSeconds());
        var header = Encode(new { alg = "RS256", typ = "JWT", kid = "ocm-simulator" });
        var payload = Encode(new
        {
            exp = expires.ToUnixTimeSeconds(),
            iat = now.ToUnixTimeSeconds(),
            jti = Guid.NewGuid().ToString(),
            typ = "Bearer",
            azp = clientId,
            clientId,
            scope = "openid",
        });
        var token = $"{header}.{payload}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        _issued[token] = expires;
        return (token, (long)Lifetime.TotalSeconds);
    }

    /// <summary>Null when the Authorization header carries a valid token, else the OCM reason for a 401.</summary>
    public string? Reject(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return "Request doesn't contain the 'Authorization' header or the 'access_token' query parameter";
        }
        const string Prefix = "Bearer ";
        // Spans, not substrings: every API request is checked.
        var token = authorization.AsSpan(Math.Min(Prefix.Length, authorization.Length)).Trim();
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || token.Count('.') != 2)
        {
            return "Bearer token is malformed";
        }
        if (!_issued.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var expires))
        {
            return "Bearer token can't be verified";
        }
        return timeProvider.GetUtcNow() >= expires ? "Bearer token is expired" : null;
    }

    public void ExpireAll()
    {
        var past = timeProvider.GetUtcNow().AddSeconds(-1);
        foreach (var token in _issued.Keys)
        {
            _issued[token] = past;
        }
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
