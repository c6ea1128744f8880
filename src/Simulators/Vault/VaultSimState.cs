using System.Security.Cryptography;

namespace AddonGrains.Simulators.Vault;

/// <summary>The simulated Vault's roles, tokens and KV mounts (thread-safe).</summary>
internal sealed class VaultSimState(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _mounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, string>>> _secrets = new(StringComparer.Ordinal);
    private int _logins;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public volatile bool Unavailable;

    public int Logins => Volatile.Read(ref _logins);

    public void AddAppRole(string roleId, string secretId)
    {
        lock (_gate)
        {
            _roles[roleId] = secretId;
        }
    }

    public void Mount(string mount, int kvVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kvVersion, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kvVersion, 2);
        lock (_gate)
        {
            _mounts[mount] = kvVersion;
        }
    }

    public int Put(string path, IReadOnlyDictionary<string, string> data)
    {
        lock (_gate)
        {
            if (!_mounts.ContainsKey(path.Split('/')[0]))
            {
                throw new InvalidOperationException($"no KV mount for '{path}'");
            }

            if (!_secrets.TryGetValue(path, out var versions))
            {
                _secrets[path] = versions = [];
            }

            versions.Add(new Dictionary<string, string>(data));
            return versions.Count;
        }
    }

    public void RevokeTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    public (string Token, TimeSpan Lifetime)? Login(string? roleId, string? secretId)
    {
        lock (_gate)
        {
            if (roleId is null || secretId is null || !_roles.TryGetValue(roleId, out var expected) || expected != secretId)
            {
                return null;
            }

            var token = "hvs." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            _tokens[token] = clock.GetUtcNow() + TokenLifetime;
            _logins++;
            return (token, TokenLifetime);
        }
    }

    public bool IsValid(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var expires) && clock.GetUtcNow() < expires;
        }
    }

    /// <summary>The response body for a read, or null (404).</summary>
    public object? Read(string path, int? version)
    {
        lock (_gate)
        {
            var segments = path.Split('/', 2);
            if (!_mounts.TryGetValue(segments[0], out var kv) || segments.Length < 2)
            {
                return null;
            }

            if (kv == 2)
            {
                if (segments[1] == "config")
                {
                    return new { data = new { max_versions = 0, cas_required = false } };
                }

                if (!segments[1].StartsWith("data/", StringComparison.Ordinal)
                    || !_secrets.TryGetValue($"{segments[0]}/{segments[1]["data/".Length..]}", out var versions))
                {
                    return null;
                }

                var number = version ?? versions.Count;
                return number < 1 || number > versions.Count
                    ? null
                    : new { data = new { data = versions[number - 1], metadata = new { version = number } } };
            }

            return _secrets.TryGetValue(path, out var v1) ? new { data = v1[^1] } : null;
        }
    }
}
