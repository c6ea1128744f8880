using System.Net;
using System.Text.Json;
using AddonGrains.Simulators.Ocm;
using static AddonGrains.Upstream.Tests.Ocm.OcmSimulatorHttp;
using static AddonGrains.Upstream.Tests.Ocm.OcmSimulatorTests;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The simulator's add-on service (addons_mgmt v1) over real HTTP, and both APIs serving one world.</summary>
public sealed class OcmAddonServiceSimulatorTests
{
    private const string Listing = "api/addons_mgmt/v1/clusters/c00/addons";
    private const string Status = "api/addons_mgmt/v1/clusters/c00/status/acm";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_Installation_HasFullObjectsDesiredVersionAndParametersItems()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        sim.SetDesiredVersion("c00", "acm", "3.0.0");
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, Listing);

        var root = body.RootElement;
        Assert.Equal("AddonInstallationList", root.GetProperty("kind").GetString());
        Assert.Equal((1, 1, 1), (root.GetProperty("page").GetInt32(), root.GetProperty("size").GetInt32(), root.GetProperty("total").GetInt32()));
        var item = root.GetProperty("items")[0];
        Assert.Equal("AddonInstallation", item.GetProperty("kind").GetString());
        Assert.Equal("Addon", item.GetProperty("addon").GetProperty("kind").GetString());
        Assert.Equal("acm", item.GetProperty("addon").GetProperty("name").GetString());
        Assert.Equal("AddonVersion", item.GetProperty("addon_version").GetProperty("kind").GetString());
        Assert.Equal("2.9.0", item.GetProperty("addon_version").GetProperty("id").GetString());
        Assert.Equal("3.0.0", item.GetProperty("desired_version").GetString());
        Assert.Equal("ready", item.GetProperty("state").GetString());
        Assert.Equal("notification-email", item.GetProperty("parameters").GetProperty("items")[0].GetProperty("id").GetString());
        Assert.False(item.TryGetProperty("state_description", out _));
    }

    [Fact]
    public async Task Listing_WithBareParameters_WritesAnArray()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        sim.BareParameters = true;
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, Listing);

        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("items")[0].GetProperty("parameters").ValueKind);
    }

    [Fact]
    public async Task Upgrade_IsUpgradingOnTheAddonServiceAndInstallingOnClustersMgmt_ThenReadyAfterItsListings()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        sim.StartUpgrade("c00", "acm", "3.0.0", listingsUntilReady: 2);
        using var http = await AuthorizedClientAsync(sim);

        var service = await ItemAsync(http, sim, Listing);
        var old = await ItemAsync(http, sim, "api/clusters_mgmt/v1/clusters/c00/addons");
        var after = await ItemAsync(http, sim, Listing);

        Assert.Equal(("2.9.0", "3.0.0", "upgrading"), (Version(service), service.GetProperty("desired_version").GetString(), service.GetProperty("state").GetString()));
        Assert.Equal(("2.9.0", "installing"), (Version(old), old.GetProperty("state").GetString()));
        Assert.Equal(("3.0.0", "3.0.0", "ready"), (Version(after), after.GetProperty("desired_version").GetString(), after.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Deleted_IsListedByTheAddonServiceOnly()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0", "deleted");
        using var http = await AuthorizedClientAsync(sim);

        Assert.Equal(["acm"], await IdsAsync(http, sim, Listing));
        Assert.Empty(await IdsAsync(http, sim, "api/clusters_mgmt/v1/clusters/c00/addons"));
    }

    [Fact]
    public async Task Status_OfAReadyAddon_HasTheConditionsOfItsStateUntilATestSetsOthers()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        using var http = await AuthorizedClientAsync(sim);

        using var ready = await GetJsonAsync(http, sim, Status);
        sim.SetAddonConditions("c00", "acm", new SimulatedAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"));
        using var failed = await GetJsonAsync(http, sim, Status);

        Assert.Equal("AddonStatus", ready.RootElement.GetProperty("kind").GetString());
        Assert.Equal(("acm", "2.9.0"), (ready.RootElement.GetProperty("addon_id").GetString(), ready.RootElement.GetProperty("version").GetString()));
        Assert.Contains(ready.RootElement.GetProperty("status_conditions").EnumerateArray(),
            c => c.GetProperty("status_type").GetString() == "Degraded" && c.GetProperty("status_value").GetString() == "False");
        var condition = Assert.Single(failed.RootElement.GetProperty("status_conditions").EnumerateArray().ToArray());
        Assert.Equal(("UpgradeSucceeded", "False", "UpgradeFailed"),
            (condition.GetProperty("status_type").GetString(), condition.GetProperty("status_value").GetString(), condition.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Status_OfAnAddonNotInstalled_Is404WithAnAddonsMgmtErrorAndCounted()
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);

        using var response = await http.GetAsync(new Uri(sim.BaseUrl, Status), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        Assert.Equal("ADDONS-MGMT-404", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("/api/addons_mgmt/v1/errors/404", body.RootElement.GetProperty("href").GetString());
        Assert.Equal(1, sim.RequestCount(OcmRoutes.AddonStatus));
    }

    [Fact]
    public async Task AddonService_WithoutToken_Is401WithItsRealm_AndFaultsApplyPerRoute()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0");
        using var anonymous = new HttpClient();
        using var http = await AuthorizedClientAsync(sim);
        sim.InjectFault(OcmRoutes.AddonStatus, OcmFault.Status(503));

        using var unauthorized = await anonymous.GetAsync(new Uri(sim.BaseUrl, Listing), Ct);
        using var faulted = await http.GetAsync(new Uri(sim.BaseUrl, Status), Ct);
        using var listing = await http.GetAsync(new Uri(sim.BaseUrl, Listing), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("Bearer realm=\"addons_mgmt/v1\"", unauthorized.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Equal((2, 1), (sim.RequestCount(OcmRoutes.ServiceAddons), sim.RequestCount(OcmRoutes.AddonStatus)));
        Assert.Equal(0, sim.RequestCount(OcmRoutes.Addons));
    }

    private static async Task<JsonElement> ItemAsync(HttpClient http, OcmSimulator sim, string relative)
    {
        using var body = await GetJsonAsync(http, sim, relative);
        return body.RootElement.GetProperty("items")[0].Clone();
    }

    private static string? Version(JsonElement item) => item.GetProperty("addon_version").GetProperty("id").GetString();
}
