using AddonGrains.Simulators.Ocm;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>
/// The client's add-on service (addons_mgmt v1) listing and status read, against the simulator over HTTP and against
/// stubbed answers: desired version, both <c>parameters</c> shapes, unknown states kept, and the listings' rules for
/// paging, <c>total</c>, retries, redirects, stalled and malformed bodies.
/// </summary>
public sealed class OcmAddonServiceClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListAddonServiceInstallationsAsync_EitherParametersShape_ReadsDesiredVersionAndKeepsUnknownStates(bool bareParameters)
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.BareParameters = bareParameters;
        sim.SetAddonInstallation("c00", "odh", "1.0.0", "frozen", "a state OCM added later");
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        sim.StartUpgrade("c00", "acm", "3.0.0");
        await using var harness = Harness(sim);

        var installations = await harness.Client.ListAddonServiceInstallationsAsync("c00", Ct);

        Assert.Equal(
            [new OcmAddonInstallation("acm", "2.9.0", "upgrading", "upgrading to 3.0.0", "3.0.0"), new OcmAddonInstallation("odh", "1.0.0", "frozen", "a state OCM added later", "1.0.0")],
            installations);
        Assert.Equal(1, sim.RequestCount(OcmRoutes.ServiceAddons));
        Assert.Equal(0, sim.RequestCount(OcmRoutes.Addons));
    }

    [Fact]
    public async Task ListAddonServiceInstallationsAsync_OverSeveralPages_ReadsEveryPage()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.MaxPageSize = 2;
        foreach (var addon in new[] { "e", "d", "c", "b", "a" })
        {
            sim.SetAddonInstallation("c00", addon, "1.0.0");
        }
        await using var harness = Harness(sim);

        var installations = await harness.Client.ListAddonServiceInstallationsAsync("c00", Ct);

        Assert.Equal(["a", "b", "c", "d", "e"], installations.Select(i => i.AddonId));
        Assert.Equal(3, sim.RequestCount(OcmRoutes.ServiceAddons));
    }

    [Fact]
    public async Task GetAddonStatusAsync_ReadsConditionsAsText()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        sim.SetAddonConditions("c00", "acm", new SimulatedAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"), new SimulatedAddonCondition("Paused", "Maybe"));
        await using var harness = Harness(sim);

        var status = await harness.Client.GetAddonStatusAsync("c00", "acm", Ct);

        Assert.Equal(("acm", "2.9.0"), (status.AddonId, status.Version));
        Assert.Equal([new OcmAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"), new OcmAddonCondition("Paused", "Maybe", null)], status.Conditions);
    }

    [Theory]
    [InlineData("""{"kind":"AddonStatus","addon_id":"acm","status_conditions":{"items":[{"status_type":"Degraded","status_value":"True"}]}}""", 1)]
    [InlineData("""{"kind":"AddonStatus","addon_id":"acm","status_conditions":[{"status_type":"Degraded","status_value":"True","message":"m"}]}""", 1)]
    [InlineData("""{"kind":"AddonStatus","addon_id":"acm"}""", 0)]
    public async Task GetAddonStatusAsync_ConditionsAsArrayItemsOrLeftOut_AreRead(string json, int count)
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out var stub);

        var status = await harness.Client.GetAddonStatusAsync("c1", "acm", Ct);

        Assert.Equal(count, status.Conditions.Count);
        Assert.All(status.Conditions, c => Assert.Equal(new OcmAddonCondition("Degraded", "True", null), c));
        Assert.EndsWith("/api/addons_mgmt/v1/clusters/c1/status/acm", Assert.Single(stub.RequestsTo("/status")).RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"addon_id":"other","status_conditions":[]}""", "add-on 'other'")]
    [InlineData("""{"addon_id":"acm","status_conditions":[{"status_value":"True"}]}""", "without 'status_type'")]
    [InlineData("""{"addon_id":"acm","status_conditions":[{"status_type":1}]}""", "not the expected JSON")]
    [InlineData("""{"addon_id":"acm","status_conditions":"none"}""", "not the expected JSON")]
    [InlineData("""{"addon_id":"acm","status_conditions":[""", "not the expected JSON")]
    public async Task GetAddonStatusAsync_MalformedBody_ThrowsMalformedOcmException(string json, string problem)
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.GetAddonStatusAsync("c1", "acm", Ct));

        Assert.Contains("GET /api/addons_mgmt/v1/clusters/c1/status/acm returned a malformed response", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAddonServiceInstallationsAsync_WhenTotalDisagreesWithItems_ThrowsMalformed()
    {
        const string json = """{"kind":"AddonInstallationList","page":1,"size":1,"total":2,"items":[{"kind":"AddonInstallation","id":"acm","addon":{"kind":"Addon","id":"acm"},"state":"ready"}]}""";
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonServiceInstallationsAsync("c1", Ct));

        Assert.Contains("GET /api/addons_mgmt/v1/clusters/c1/addons", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'total' is 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAddonStatusAsync_OnTransientStatus_RetriesAndSucceeds()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.AddonStatus, OcmFault.Status(503), count: 2);

        var status = await harness.Client.GetAddonStatusAsync("c00", "acm", Ct);

        Assert.Contains(status.Conditions, c => c is { Type: "UpgradeSucceeded", Value: "True" });
        Assert.Equal(3, sim.RequestCount(OcmRoutes.AddonStatus));
    }

    [Fact]
    public async Task GetAddonStatusAsync_ForAnAddonWithoutStatus_ThrowsOcmException404NamingTheRead()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        await using var harness = Harness(sim);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.GetAddonStatusAsync("c00", "acm", Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("ADDONS-MGMT-404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/addons_mgmt/v1/clusters/c00/status/acm failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddonService_WhenAnsweredWithARedirect_ThrowsWithoutFollowingIt()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(2);
        sim.SetAddonInstallation("c01", "acm", "2.9.0");
        await using var harness = Harness(sim);
        sim.InjectFault(OcmRoutes.ServiceAddons, OcmFault.Redirect("/api/addons_mgmt/v1/clusters/c01/addons"));
        sim.InjectFault(OcmRoutes.AddonStatus, OcmFault.Redirect("/api/addons_mgmt/v1/clusters/c01/status/acm"));

        var listing = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonServiceInstallationsAsync("c00", Ct));
        var status = await Assert.ThrowsAsync<OcmException>(() => harness.Client.GetAddonStatusAsync("c00", "acm", Ct));

        Assert.Equal((302, 302), (listing.StatusCode, status.StatusCode));
        Assert.Equal((1, 1), (sim.RequestCount(OcmRoutes.ServiceAddons), sim.RequestCount(OcmRoutes.AddonStatus)));
    }

    [Fact]
    public async Task AddonService_WhenTheBodyStallsOrIsTruncated_FailsWithinTheDeadline()
    {
        await using var sim = await OcmSimulatorTests.StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        await using var harness = Harness(sim, o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)));
        // The truncated body gets deadlines no busy machine reaches: its failure must come from the body, not the clock.
        await using var patient = Harness(sim, o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
        sim.InjectFault(OcmRoutes.AddonStatus, OcmFault.StalledBody(), count: 10);
        sim.InjectFault(OcmRoutes.ServiceAddons, OcmFault.Malformed());

        // The guard only turns a hang (the body read without any timeout) into a failure of this test.
        var stalled = await Assert.ThrowsAsync<OcmException>(() => harness.Client.GetAddonStatusAsync("c00", "acm", Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct));
        var malformed = await Assert.ThrowsAsync<OcmException>(() => patient.Client.ListAddonServiceInstallationsAsync("c00", Ct));

        Assert.Contains("timed out", stalled.Message, StringComparison.Ordinal);
        Assert.Contains("malformed", malformed.Message, StringComparison.Ordinal);
    }

    private static OcmClientHarness Harness(OcmSimulator sim, Action<OcmClientOptions>? configure = null) => new(
        new OcmConnection("sim", sim.BaseUrl, sim.TokenUrl, OcmSimulatorOptions.DefaultClientId, OcmSimulatorOptions.DefaultClientSecret),
        configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(6);
            o.RetryCount = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        });
}
