using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AddonGrains.Upstream.Vault;

/// <summary>
/// Reads secrets from Vault (docs/upstream-apis.md, "Vault"): AppRole login, token in <c>X-Vault-Token</c>, a new login
/// before the lease runs out or after a <c>403</c>; KV v2 when <c>GET {mount}/config</c> succeeds (then
/// <c>{mount}/data/{rest}</c>, <c>?version=N</c>), else KV v1; <c>format: base64</c> decoded.
/// </summary>
public sealed class VaultClient(HttpClient http, string roleId, string secretId, TimeProvider? timeProvider = null) : IDisposable
{
    private readonly TimeProvider _clock = timeProvider ?? TimeProvider.System;
    private readonly SemaphoreSlim _login = new(1, 1);
    private readonly Dictionary<string, bool> _kv2 = new(StringComparer.Ordinal);
    private (string Token, DateTimeOffset RenewAt)? _token;

    public void Dispose() => _login.Dispose();

    /// <summary>The secret's value (decoded when <c>format: base64</c>).</summary>
    public async Task<string> ReadAsync(VaultSecretRef secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mount = secret.Path.Split('/', 2)[0];
        var rest = secret.Path.Length > mount.Length ? secret.Path[(mount.Length + 1)..] : "";
        var kv2 = await IsKv2Async(mount, cancellationToken);
        var url = kv2
            ? $"v1/{mount}/data/{rest}{(secret.Version is { } v ? $"?version={v}" : "")}"
            : $"v1/{secret.Path}";
        using var json = await GetAsync(url, $"secret {secret.Path}", cancellationToken)
            ?? throw new VaultException($"vault: secret {secret.Path} not found", 404);
        var data = json.RootElement.GetProperty("data");
        if (kv2)
        {
            data = data.GetProperty("data");
        }

        if (!data.TryGetProperty(secret.Field, out var field) || field.ValueKind != JsonValueKind.String)
        {
            throw new VaultException($"vault: secret {secret.Path} has no field '{secret.Field}'");
        }

        return secret.Format switch
        {
            null or "plain" => field.GetString()!,
            "base64" => Decode(field.GetString()!, secret),
            _ => throw new VaultException($"vault: secret {secret.Path} field '{secret.Field}': unknown format '{secret.Format}' (plain or base64)"),
        };
    }

    private static string Decode(string value, VaultSecretRef secret)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            throw new VaultException($"vault: secret {secret.Path} field '{secret.Field}' is not valid base64");
        }
    }

    private async Task<bool> IsKv2Async(string mount, CancellationToken cancellationToken)
    {
        lock (_kv2)
        {
            if (_kv2.TryGetValue(mount, out var known))
            {
                return known;
            }
        }

        using var config = await GetAsync($"v1/{mount}/config", $"mount {mount}", cancellationToken, notFoundIsNull: true, anyErrorIsNull: true);
        lock (_kv2)
        {
            _kv2[mount] = config is not null;
        }

        return config is not null;
    }

    private async Task<JsonDocument?> GetAsync(string url, string what, CancellationToken cancellationToken, bool notFoundIsNull = true, bool anyErrorIsNull = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(forceLogin: attempt > 0, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Vault-Token", token);
            using var response = await SendAsync(request, what, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Forbidden && attempt == 0)
            {
                continue; // the token was revoked or expired early: log in again once
            }

            if (response.IsSuccessStatusCode)
            {
                return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            }

            if ((response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull) || anyErrorIsNull && (int)response.StatusCode is >= 400 and < 500)
            {
                return null;
            }

            throw new VaultException($"vault: reading {what} failed with HTTP {(int)response.StatusCode}", (int)response.StatusCode);
        }
    }

    private async Task<string> TokenAsync(bool forceLogin, CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken);
        try
        {
            if (!forceLogin && _token is { } current && _clock.GetUtcNow() < current.RenewAt)
            {
                return current.Token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/auth/approle/login")
            {
                Content = JsonContent.Create(new Dictionary<string, string> { ["role_id"] = roleId, ["secret_id"] = secretId }),
            };
            using var response = await SendAsync(request, "AppRole login", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new VaultException($"vault: AppRole login failed with HTTP {(int)response.StatusCode}", (int)response.StatusCode);
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var auth = json.RootElement.GetProperty("auth");
            var lease = TimeSpan.FromSeconds(auth.GetProperty("lease_duration").GetInt64());
            // Log in again when three quarters of the lease are gone, well before it runs out.
            _token = (auth.GetProperty("client_token").GetString()!, _clock.GetUtcNow() + lease * 0.75);
            return _token.Value.Token;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new VaultException($"vault: {what}: {ex.Message}");
        }
    }
}
