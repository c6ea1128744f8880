using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AddonGrains.Simulators.Vault;

/// <summary>
/// A HashiCorp Vault simulator on loopback HTTP (docs/upstream-apis.md, "Vault"): AppRole login with expiring tokens,
/// KV v1 and KV v2 mounts (v2 with versions and <c>GET {mount}/config</c>), <c>403</c> for a missing, unknown or
/// expired token, and an outage switch (<c>503</c> for everything).
/// </summary>
public sealed class VaultSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VaultSimState _state;

    private VaultSimulator(WebApplication app, VaultSimState state)
    {
        _app = app;
        _state = state;
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Lifetime (<c>lease_duration</c>) of tokens issued from now on.</summary>
    public TimeSpan TokenLifetime { get => _state.TokenLifetime; set => _state.TokenLifetime = value; }

    /// <summary>While true every request answers <c>503</c> (a Vault outage or a sealed Vault).</summary>
    public bool Unavailable { get => _state.Unavailable; set => _state.Unavailable = value; }

    /// <summary>Successful AppRole logins so far.</summary>
    public int Logins => _state.Logins;

    /// <summary>Starts the simulator on 127.0.0.1, on a free port.</summary>
    public static async Task<VaultSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var app = LoopbackWebHost.Build();
        var simulator = new VaultSimulator(app, new VaultSimState(timeProvider ?? TimeProvider.System));
        simulator.BaseUrl = await LoopbackWebHost.StartAsync(app, simulator.HandleAsync, cancellationToken);
        return simulator;
    }

    /// <summary>Adds (or replaces) an AppRole.</summary>
    public void AddAppRole(string roleId, string secretId) => _state.AddAppRole(roleId, secretId);

    /// <summary>Mounts a KV engine at <paramref name="mount"/> (version 1 or 2).</summary>
    public void Mount(string mount, int kvVersion) => _state.Mount(mount, kvVersion);

    /// <summary>Writes a secret at <paramref name="path"/> (<c>{mount}/{rest}</c>); on KV v2 it becomes the next version.</summary>
    public int Put(string path, IReadOnlyDictionary<string, string> data) => _state.Put(path, data);

    /// <summary>Revokes every token issued so far (clients must log in again).</summary>
    public void RevokeTokens() => _state.RevokeTokens();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (status, body) = await RouteAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private async Task<(int Status, object Body)> RouteAsync(HttpContext context)
    {
        var request = context.Request;
        if (_state.Unavailable)
        {
            return (503, Errors("Vault is sealed"));
        }

        if (!request.Path.StartsWithSegments("/v1", out var rest))
        {
            return (404, Errors());
        }

        var path = rest.Value!.Trim('/');
        if (path == "auth/approle/login")
        {
            if (request.Method != HttpMethods.Post)
            {
                return (405, Errors());
            }

            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            var roleId = json.RootElement.TryGetProperty("role_id", out var r) ? r.GetString() : null;
            var secretId = json.RootElement.TryGetProperty("secret_id", out var s) ? s.GetString() : null;
            return _state.Login(roleId, secretId) is { } login
                ? (200, new { auth = new { client_token = login.Token, lease_duration = (long)login.Lifetime.TotalSeconds, renewable = false } })
                : (400, Errors("invalid role or secret ID"));
        }

        if (request.Method != HttpMethods.Get)
        {
            return (405, Errors());
        }

        if (!_state.IsValid(request.Headers["X-Vault-Token"].ToString()))
        {
            return (403, Errors("permission denied"));
        }

        int? version = int.TryParse(request.Query["version"], out var v) ? v : null;
        return _state.Read(path, version) is { } found ? (200, found) : (404, Errors());
    }

    private static object Errors(params string[] errors) => new { errors };
}
