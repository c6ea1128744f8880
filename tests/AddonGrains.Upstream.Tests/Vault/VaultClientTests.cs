using System.Net;
using System.Text;
using AddonGrains.Simulators.Vault;
using AddonGrains.Upstream.Vault;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Vault;

/// <summary>The Vault client against the Vault simulator over real HTTP (docs/upstream-apis.md, "Vault").</summary>
public sealed class VaultClientTests : IAsyncLifetime
{
    private const string RoleId = "role-1";
    private const string SecretId = "secret-1";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private VaultSimulator _vault = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _vault = await VaultSimulator.StartAsync(_clock, Ct);
        _vault.AddAppRole(RoleId, SecretId);
        _vault.Mount("app-sre", 1);
        _vault.Mount("kv2", 2);
        _http = new HttpClient { BaseAddress = _vault.BaseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _vault.DisposeAsync();
    }

    private VaultClient Client(string secretId = SecretId) => new(_http, RoleId, secretId, _clock);

    [Fact]
    public async Task Kv1_ReadsTheField()
    {
        _vault.Put("app-sre/ocm/client", new Dictionary<string, string> { ["client_secret"] = "s3cret" });
        using var client = Client();
        Assert.Equal("s3cret", await client.ReadAsync(new VaultSecretRef("app-sre/ocm/client", "client_secret"), Ct));
    }

    [Fact]
    public async Task Kv2_ReadsLatestOrPinnedVersion_AndDecodesBase64()
    {
        _vault.Put("kv2/ci/jenkins", new Dictionary<string, string> { ["token"] = "v1-value" });
        _vault.Put("kv2/ci/jenkins", new Dictionary<string, string> { ["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("[jenkins]\nurl = \"x\"")) });
        using var client = Client();

        Assert.Equal("v1-value", await client.ReadAsync(new VaultSecretRef("kv2/ci/jenkins", "token", Version: 1), Ct));
        Assert.Equal("[jenkins]\nurl = \"x\"", await client.ReadAsync(new VaultSecretRef("kv2/ci/jenkins", "token", Format: "base64"), Ct));
    }

    [Fact]
    public async Task ExpiringToken_LogsInAgainBeforeTheLeaseRunsOut_AndAfterRevocation()
    {
        _vault.TokenLifetime = TimeSpan.FromMinutes(10);
        _vault.Put("app-sre/a", new Dictionary<string, string> { ["f"] = "1" });
        using var client = Client();
        var secret = new VaultSecretRef("app-sre/a", "f");

        await client.ReadAsync(secret, Ct);
        await client.ReadAsync(secret, Ct);
        Assert.Equal(1, _vault.Logins);

        _clock.Advance(TimeSpan.FromMinutes(8)); // three quarters of the lease are gone
        await client.ReadAsync(secret, Ct);
        Assert.Equal(2, _vault.Logins);

        _vault.RevokeTokens(); // 403 for the cached token: one new login, then the read succeeds
        Assert.Equal("1", await client.ReadAsync(secret, Ct));
        Assert.Equal(3, _vault.Logins);
    }

    [Fact]
    public async Task Failures_NameThePathNeverTheValue()
    {
        _vault.Put("app-sre/a", new Dictionary<string, string> { ["f"] = "value-never-shown" });
        using var bad = Client("wrong-secret-id");
        var login = await Assert.ThrowsAsync<VaultException>(() => bad.ReadAsync(new VaultSecretRef("app-sre/a", "f"), Ct));
        Assert.Equal(400, login.StatusCode);
        Assert.DoesNotContain("wrong-secret-id", login.Message, StringComparison.Ordinal);

        using var client = Client();
        var missingField = await Assert.ThrowsAsync<VaultException>(() => client.ReadAsync(new VaultSecretRef("app-sre/a", "g"), Ct));
        Assert.Equal("vault: secret app-sre/a has no field 'g'", missingField.Message);
        var missing = await Assert.ThrowsAsync<VaultException>(() => client.ReadAsync(new VaultSecretRef("app-sre/none", "f"), Ct));
        Assert.Equal(404, missing.StatusCode);

        _vault.Unavailable = true;
        var outage = await Assert.ThrowsAsync<VaultException>(() => client.ReadAsync(new VaultSecretRef("app-sre/a", "f"), Ct));
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, outage.StatusCode);
        Assert.DoesNotContain("value-never-shown", outage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_BadToken_Is403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/app-sre/a");
        request.Headers.Add("X-Vault-Token", "hvs.forged");
        using var response = await _http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
