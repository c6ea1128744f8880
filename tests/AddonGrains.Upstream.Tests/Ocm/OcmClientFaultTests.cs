using System.Diagnostics;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The real client against the simulator over HTTP with injected faults: each ends in a retry that succeeds or an OcmException.</summary>
public sealed class OcmClientFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task ListClustersAsync_OnTransientStatusForGet_RetriesAndSucceeds(int status)
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(3);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Status(status), count: 2);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(3, clusters.Count);
        Assert.Equal(3, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_On429WithRetryAfter_WaitsRetryAfterThenSucceeds()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Status(429, TimeSpan.FromSeconds(1)));
        var stopwatch = Stopwatch.StartNew();

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Single(clusters);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retry-After was not honoured ({stopwatch.Elapsed})");
    }

    [Fact]
    public async Task ListClustersAsync_WhenFaultOutlastsRetries_ThrowsOcmExceptionWithStatusCodeAndHint()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Status(503), count: 10);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("CLUSTERS-MGMT-503", ex.Message, StringComparison.Ordinal);
        Assert.Contains("retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_WhenOneAttemptHangs_TimesOutAndRetriesSuccessfully()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(2);
        // The harness's 2 s attempt deadline: the retry that succeeds must finish within it, also on a busy machine.
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Hanging());

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(2, clusters.Count);
        Assert.Equal(2, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_WhenEveryAttemptHangs_ThrowsOcmExceptionTimedOut()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Hanging(), count: 10);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
    }

    [Theory]
    [InlineData(200)] // the page itself
    [InlineData(404)] // an error page, read for the exception's message
    public async Task ListClustersAsync_WhenTheBodyStallsAfterTheHeaders_ThrowsOcmExceptionTimedOut(int status)
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim, o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)));
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.StalledBody(status), count: 10);

        // The guard only turns a hang (the body read without any timeout) into a failure of this test.
        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task ListClustersAsync_WhenBodyIsMalformedJson_ThrowsOcmExceptionWithoutRetry()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Clusters, OcmFault.Malformed());

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
        // The request text is built only on failure; it must still name the listing, the organization and the page.
        Assert.Contains("GET /api/clusters_mgmt/v1/clusters (organization 'org1') page 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_WhenServerExpiredTheToken_RefreshesOnceAndSucceeds()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        await harness.Client.ListClustersAsync("org1", Ct);

        sim.ExpireAllTokens();
        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Single(clusters);
        Assert.Equal(2, sim.RequestCount(OcmRoutes.Token));
        Assert.Equal(3, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListClustersAsync_WhenTokenEndpointFailsOnce_RetriesTokenRequest()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Token, OcmFault.Status(503));

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Single(clusters);
        Assert.Equal(2, sim.RequestCount(OcmRoutes.Token));
    }

    [Fact]
    public async Task ListClustersAsync_WithWrongSecret_ThrowsOcmExceptionNamingClientNotSecret()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        var connection = new OcmConnection("bad", sim.BaseUrl, sim.TokenUrl, OcmSimulatorOptions.DefaultClientId, "wrong-secret-123");
        await using var harness = new OcmClientHarness(connection, configure: Fast);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-123", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, sim.RequestCount(OcmRoutes.Token));
        Assert.Equal(0, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Theory]
    [InlineData(250, 3)]
    [InlineData(200, 2)]
    [InlineData(0, 1)]
    public async Task ListClustersAsync_AcrossPages_ReturnsEveryClusterOfTheOrgSortedById(int count, int expectedRequests)
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(count);
        sim.AddCluster(new SimulatedCluster("zz-other", "other", "org2"));
        sim.AddCluster(new SimulatedCluster("zz-unmanaged", "unmanaged", "org1", Managed: false));
        await using var harness = Harness(sim);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"c{i:00}").Order(StringComparer.Ordinal), clusters.Select(c => c.Id));
        Assert.Equal(expectedRequests, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_AgainstSimulator_MapsVersionAndState()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0", "failed", "operator crashed");
        sim.SetAddonInstallation("c00", "odh", "1.0.0");
        await using var harness = Harness(sim);

        var installations = await harness.Client.ListAddonInstallationsAsync("c00", Ct);

        Assert.Equal(
            [new OcmAddonInstallation("acm", "2.9.0", "failed", "operator crashed"), new OcmAddonInstallation("odh", "1.0.0", "ready", null)],
            installations);
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_ForUnknownCluster_ThrowsOcmException404()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonInstallationsAsync("ghost", Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("CLUSTERS-MGMT-404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/clusters_mgmt/v1/clusters/ghost/addons page 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_WhenAnsweredWithARedirect_ThrowsOcmExceptionWithoutFollowingIt()
    {
        // Followed, this redirect would answer cluster c00's listing with c01's add-ons.
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(2);
        sim.SetAddonInstallation("c01", "acm", "2.9.0");
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Addons, OcmFault.Redirect("/api/clusters_mgmt/v1/clusters/c01/addons"));

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonInstallationsAsync("c00", Ct));

        Assert.Equal(302, ex.StatusCode);
        Assert.Equal(1, sim.RequestCount(OcmRoutes.Addons));
    }

    [Fact]
    public async Task ListClustersAsync_WhenTheTokenEndpointRedirects_FailsWithoutPostingTheSecretElsewhere()
    {
        // A 307 keeps the method and body: followed, the client secret would be posted to the new address.
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.Token, OcmFault.Redirect("/elsewhere/token", 307), count: 10);

        await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Equal(0, sim.RequestCount(OcmRoutes.Other));
        Assert.Equal(0, sim.RequestCount(OcmRoutes.Clusters));
    }

    [Fact]
    public async Task ListAddonsAsync_AgainstSimulator_ReturnsCatalogWithDefaultVersion()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(0);
        sim.AddCatalogAddon("acm", "Advanced Cluster Management", "2.9.0");
        await using var harness = Harness(sim);

        var addons = await harness.Client.ListAddonsAsync(Ct);

        Assert.Equal(new OcmAddon("acm", "Advanced Cluster Management", "2.9.0"), Assert.Single(addons));
    }

    private static void Fast(OcmClientOptions options)
    {
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.TotalTimeout = TimeSpan.FromSeconds(6);
        options.RetryCount = 2;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    }

    private static OcmClientHarness Harness(OcmSimulator sim, Action<OcmClientOptions>? configure = null) => new(
        new OcmConnection("sim", sim.BaseUrl, sim.TokenUrl, OcmSimulatorOptions.DefaultClientId, OcmSimulatorOptions.DefaultClientSecret),
        configure: o =>
        {
            Fast(o);
            configure?.Invoke(o);
        });
}
