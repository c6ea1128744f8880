using System.Web;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>Pages side by side, the page-size cap, the per-environment budget and its 429 pause, over real HTTP.</summary>
public sealed class OcmTrafficTests
{
    private static readonly string[] UnsortedAddons = ["zeta", "acm", "mce", "beta"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListClustersAsync_WithManyPages_FetchesPagesSideBySide()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(50);
        await using var harness = Harness(sim, maxConcurrency: 16, o => o.PageSize = 5);
        sim.RequestLatency = TimeSpan.FromMilliseconds(500);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"c{i:00}"), clusters.Select(c => c.Id));
        Assert.Equal(10, sim.RequestCount(OcmRoutes.Clusters));
        Assert.True(sim.PeakInFlightRequests >= 2, $"pages 2-10 were fetched one after another (peak in flight {sim.PeakInFlightRequests})");
    }

    [Fact]
    public async Task ListClustersAsync_WhenServerCapsPageSize_StillReadsEveryCluster()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(10);
        sim.MaxPageSize = 3;
        await using var harness = Harness(sim, maxConcurrency: 16);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"c{i:00}"), clusters.Select(c => c.Id));
        Assert.Equal(4, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_WithProducts_ReturnsOnlyClustersOfThoseProducts()
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        sim.AddCluster(new SimulatedCluster("a-osd", "a", "org1", ProductId: "osd"));
        sim.AddCluster(new SimulatedCluster("b-rosa", "b", "org1", ProductId: "rosa"));
        sim.AddCluster(new SimulatedCluster("c-ocp", "c", "org1", ProductId: "ocp"));
        await using var harness = Harness(sim, maxConcurrency: 16);

        var clusters = await harness.Client.ListClustersAsync("org1", ["osd", "rosa", "hypershift"], Ct);

        Assert.Equal(["a-osd", "b-rosa"], clusters.Select(c => c.Id));
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_Always_SendsNoOrderAndSortsByAddonId()
    {
        var items = UnsortedAddons.Select(id => $$"""{"kind":"AddOnInstallation","id":"{{id}}","state":"ready"}""").ToArray();
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Installations(items)), out var stub);

        var installations = await harness.Client.ListAddonInstallationsAsync("c00", Ct);

        Assert.Equal(["acm", "beta", "mce", "zeta"], installations.Select(i => i.AddonId));
        var query = HttpUtility.ParseQueryString(Assert.Single(stub.RequestsTo("/addons")).RequestUri!.Query);
        Assert.Null(query["order"]);
        Assert.Equal("1", query["page"]);
    }

    [Fact]
    public async Task Listings_OfSeveralOrganizations_NeverExceedTheEnvironmentBudget()
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        for (var org = 0; org < 3; org++)
        {
            for (var c = 0; c < 20; c++)
            {
                sim.AddCluster(new SimulatedCluster($"o{org}-c{c:00}", $"o{org}-c{c:00}", $"org{org}"));
            }
        }
        sim.RequestLatency = TimeSpan.FromMilliseconds(50);
        await using var harness = Harness(sim, maxConcurrency: 4, o => o.PageSize = 2);

        // Three organizations list their clusters (10 pages each) and every cluster's add-ons, all at once.
        var listings = Enumerable.Range(0, 3).Select(async org =>
        {
            var clusters = await harness.Client.ListClustersAsync($"org{org}", Ct);
            await Task.WhenAll(clusters.Select(c => harness.Client.ListAddonInstallationsAsync(c.Id, Ct)));
            return clusters.Count;
        });
        var counts = await Task.WhenAll(listings);

        Assert.Equal([20, 20, 20], counts);
        Assert.Equal(90, sim.RequestCount(OcmRoutes.Clusters) + sim.RequestCount(OcmRoutes.Addons));
        Assert.InRange(sim.PeakInFlightRequests, 1, 4);
    }

    [Fact]
    public async Task Listing_After429WithRetryAfter_WaitsForThePauseOfTheWholeEnvironment()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(2);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = Harness(sim, maxConcurrency: 16, o => o.RetryCount = 0, clock: clock);
        var budget = harness.Services.GetRequiredService<OcmConnectionRegistry>().GetBudget("sim");
        sim.InjectFault(OcmRoutes.Addons, OcmFault.Status(429, TimeSpan.FromSeconds(30)));

        var refused = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonInstallationsAsync("c00", Ct));
        var other = harness.Client.ListAddonInstallationsAsync("c01", Ct);
        await Wait.UntilAsync(() => budget.Waiting == 1, TimeSpan.FromSeconds(30), "the other call to wait for the paused budget", () => $"{budget.Waiting} waiting", cancellationToken: Ct);

        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(clock.GetUtcNow().AddSeconds(30), budget.PausedUntil);
        Assert.Equal(1, sim.RequestCount(OcmRoutes.Addons));
        Assert.False(other.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));
        await other.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(2, sim.RequestCount(OcmRoutes.Addons));
    }

    private static TrafficHarness Harness(
        OcmSimulator sim, int maxConcurrency, Action<OcmClientOptions>? configure = null, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddOcmClients(
            [new OcmConnection("sim", sim.BaseUrl, sim.TokenUrl, OcmSimulatorOptions.DefaultClientId, OcmSimulatorOptions.DefaultClientSecret, maxConcurrency)],
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(30);
                o.TotalTimeout = TimeSpan.FromSeconds(60);
                o.RetryCount = 2;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                configure?.Invoke(o);
            });
        return new TrafficHarness(services.BuildServiceProvider());
    }

    private sealed class TrafficHarness(ServiceProvider services) : IAsyncDisposable
    {
        public ServiceProvider Services { get; } = services;

        public IOcmClient Client { get; } = services.GetRequiredService<IOcmClientFactory>().Create("sim");

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }
}
