using System.Net;
using AddonGrains.IntegrationTests.Processes;

namespace AddonGrains.IntegrationTests.Operations;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> of a silo in PostgreSQL mode. The test stops and starts a PostgreSQL server of
/// its own (not the shared one, which other test classes are using at the same time).
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask InitializeAsync() => await _postgres.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Readyz_WhenPostgresStopsAndStarts_Flips503AndBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await _postgres.CreateMigratedDatabaseAsync(ct);
        var config = Path.Combine(Path.GetTempPath(), $"addongrains-ready-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, """
            ocm: [ { name: sim, url: "http://127.0.0.1:9", accessTokenUrl: "http://127.0.0.1:9/token", accessTokenClientId: c, accessTokenClientSecret: { env: READY_SECRET } } ]
            jenkins: [ { name: ci, serverUrl: "http://127.0.0.1:9", user: u, token: { env: READY_SECRET } } ]
            organizations: [ { name: ready-org, ocm: sim, orgId: org-ready, addonUpgradeTests: [ { addon: acm, instance: ci, name: e2e } ] } ]
            """, ct);
        await using var silo = SiloProcess.Start(config, connectionString, new Dictionary<string, string> { ["READY_SECRET"] = "unused" }, name: "ready-silo");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);

        var (healthz, _) = await GetAsync(silo, "healthz");
        var (ready, readyBody) = await GetAsync(silo, "readyz");
        var (dashboard, _) = await GetAsync(silo, "dashboard/");
        await _postgres.StopAsync(ct);
        var (down, downBody) = await PollAsync(silo, HttpStatusCode.ServiceUnavailable);
        var (healthzWhileDown, _) = await GetAsync(silo, "healthz");
        await _postgres.StartAsync(ct);
        var (back, _) = await PollAsync(silo, HttpStatusCode.OK);
        File.Delete(config);

        Assert.Equal(HttpStatusCode.OK, healthz);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Contains("ready: 1 organization x add-on", readyBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, dashboard);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Contains("storage: PostgreSQL not reachable", downBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthzWhileDown);
        Assert.Equal(HttpStatusCode.OK, back);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(SiloProcess silo, string path)
    {
        using var response = await _http.GetAsync(new Uri(silo.HttpUrl, path), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<(HttpStatusCode Status, string Body)> PollAsync(SiloProcess silo, HttpStatusCode wanted)
    {
        var last = (Status: (HttpStatusCode)0, Body: "");
        await Wait.UntilAsync(async () => (last = await GetAsync(silo, "readyz")).Status == wanted, TimeSpan.FromSeconds(30),
            $"/readyz to answer {(int)wanted}", cancellationToken: TestContext.Current.CancellationToken);
        return last;
    }
}
