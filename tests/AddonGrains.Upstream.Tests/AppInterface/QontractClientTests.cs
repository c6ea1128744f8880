using System.Text.Json.Nodes;
using AddonGrains.Simulators.Qontract;
using AddonGrains.Upstream.AppInterface;

namespace AddonGrains.Upstream.Tests.AppInterface;

/// <summary>The qontract-server client against the simulator over real HTTP (docs/upstream-apis.md, "qontract-server").</summary>
public sealed class QontractClientTests : IAsyncLifetime
{
    private const string Token = "Basic dGVzdDp0ZXN0";
    private QontractSimulator _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await QontractSimulator.StartAsync(Token, Ct);
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    internal static JsonObject Bundle(string job, string? secondOrg = null)
    {
        JsonObject Secret(string path, string field) => new() { ["path"] = path, ["field"] = field, ["version"] = null, ["format"] = null };
        var instances = new JsonArray
        {
            new JsonObject
            {
                ["name"] = "fleet", ["orgId"] = "org-1",
                ["environment"] = new JsonObject { ["name"] = "integration", ["url"] = "https://api.example.com", ["accessTokenClientId"] = "env-client", ["accessTokenUrl"] = "https://sso.example.com/token", ["accessTokenClientSecret"] = Secret("app-sre/ocm", "client_secret") },
                ["accessTokenClientId"] = "org-client", ["accessTokenUrl"] = null, ["accessTokenClientSecret"] = null,
                ["addonUpgradeTests"] = new JsonArray
                {
                    new JsonObject { ["addon"] = new JsonObject { ["name"] = "acm" }, ["instance"] = new JsonObject { ["name"] = "ci-int", ["token"] = Secret("app-sre/ci-int", "token") }, ["name"] = job },
                },
            },
        };
        if (secondOrg is not null)
        {
            instances.Add(new JsonObject
            {
                ["name"] = secondOrg, ["orgId"] = "org-2",
                ["environment"] = new JsonObject { ["name"] = "integration", ["url"] = "https://api.example.com", ["accessTokenClientId"] = "env-client", ["accessTokenUrl"] = "https://sso.example.com/token", ["accessTokenClientSecret"] = Secret("app-sre/ocm", "client_secret") },
                ["accessTokenClientId"] = null, ["accessTokenUrl"] = null, ["accessTokenClientSecret"] = null, ["addonUpgradeTests"] = null,
            });
        }

        return new JsonObject { ["ocm_instances_v1"] = instances };
    }

    [Fact]
    public async Task BundleSwap_ShaChanges_PinnedQueriesSeeTheirBundle_CommitInfoOrders()
    {
        var client = new QontractClient(_http, Token);
        var first = _server.Publish(Bundle("job-a"), 1_700_000_000);
        Assert.Equal(first, await client.GetShaAsync(Ct));

        var second = _server.Publish(Bundle("job-b", secondOrg: "no-tests"), 1_700_000_100);
        Assert.Equal(second, await client.GetShaAsync(Ct));

        var old = Assert.Single(await client.GetOcmInstancesAsync(first, Ct));
        Assert.Equal("job-a", Assert.Single(old.AddonUpgradeTests!).Name);
        var current = await client.GetOcmInstancesAsync(second, Ct);
        Assert.Equal(2, current.Count);
        var fleet = current[0];
        Assert.Equal(("fleet", "org-1", "org-client", "https://api.example.com"), (fleet.Name, fleet.OrgId, fleet.AccessTokenClientId, fleet.Environment.Url));
        Assert.Equal(new VaultSecret("app-sre/ocm", "client_secret", null, null), fleet.Environment.AccessTokenClientSecret);
        var test = Assert.Single(fleet.AddonUpgradeTests!);
        Assert.Equal(("acm", "ci-int", "job-b", "app-sre/ci-int"), (test.Addon.Name, test.Instance.Name, test.Name, test.Instance.Token.Path));
        Assert.Null(current[1].AddonUpgradeTests);

        Assert.True((await client.GetCommitInfoAsync(second, Ct)).Timestamp > (await client.GetCommitInfoAsync(first, Ct)).Timestamp);
    }

    [Fact]
    public async Task ErrorsAnswer_BadToken_UnknownSha_AreFailuresWithoutTheToken()
    {
        var sha = _server.Publish(Bundle("job-a"), 1);
        _server.FailQueries = "Cannot query field \"ocm_instances_v1\"";
        var errors = await Assert.ThrowsAsync<QontractException>(() => new QontractClient(_http, Token).GetOcmInstancesAsync(sha, Ct));
        Assert.Contains("Cannot query field", errors.Message, StringComparison.Ordinal);

        _server.FailQueries = null;
        var unauthorized = await Assert.ThrowsAsync<QontractException>(() => new QontractClient(_http, "Basic wrong").GetShaAsync(Ct));
        Assert.Equal(401, unauthorized.StatusCode);
        Assert.DoesNotContain("wrong", unauthorized.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<QontractException>(() => new QontractClient(_http, Token).GetOcmInstancesAsync("feed", Ct));
        Assert.Equal(404, unknown.StatusCode);
    }
}
