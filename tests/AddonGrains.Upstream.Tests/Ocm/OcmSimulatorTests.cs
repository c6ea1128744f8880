using System.Net;
using System.Text.Json;
using AddonGrains.Simulators.Ocm;
using static AddonGrains.Upstream.Tests.Ocm.OcmSimulatorHttp;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The simulator over real HTTP: paging, search, JSON shapes, content type, faults.</summary>
public sealed class OcmSimulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clusters_PagePastTheEnd_ReturnsEmptyItemsAndSizeZeroNot404()
    {
        await using var sim = await StartWithClustersAsync(4);
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, "api/clusters_mgmt/v1/clusters?page=3&size=2&order=id");

        Assert.Equal(0, body.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(4, body.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, body.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal("ClusterList", body.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Clusters_LastShortPage_SizeIsItemsOnPageNotRequestedSize()
    {
        await using var sim = await StartWithClustersAsync(5);
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, "api/clusters_mgmt/v1/clusters?page=3&size=2&order=id%20asc");

        Assert.Equal(1, body.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("page").GetInt32());
        Assert.Equal("c04", body.RootElement.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Clusters_WithOrderId_SortsByIdAndWithoutOrder_OrderVariesBetweenCalls()
    {
        await using var sim = await StartWithClustersAsync(20);
        using var http = await AuthorizedClientAsync(sim);
        var expected = Enumerable.Range(0, 20).Select(i => $"c{i:00}").ToList();

        var ordered = await IdsAsync(http, sim, "api/clusters_mgmt/v1/clusters?order=id");
        var unordered = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            unordered.Add(string.Join(",", await IdsAsync(http, sim, "api/clusters_mgmt/v1/clusters")));
        }

        Assert.Equal(expected, ordered);
        Assert.True(unordered.Count > 1, "without 'order' the simulator must not return a stable order");
    }

    [Theory]
    [InlineData("organization.id='org-a' and managed='true'", "c00,c01")]
    [InlineData("organization.id = 'org-a' and managed = 't'", "c00,c01")]
    [InlineData("managed='false'", "c03")]
    [InlineData("state='ready' and organization.id='org-a'", "c00")]
    [InlineData("product.id in ('rosa','hypershift')", "c01,c03")]
    [InlineData("organization.id='o''brien'", "c04")]
    public async Task Clusters_WithSearch_FiltersClusters(string search, string expectedIds)
    {
        await using var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        sim.AddCluster(new SimulatedCluster("c00", "a0", "org-a"));
        sim.AddCluster(new SimulatedCluster("c01", "a1", "org-a", "updating", "rosa"));
        sim.AddCluster(new SimulatedCluster("c02", "b0", "org-b"));
        sim.AddCluster(new SimulatedCluster("c03", "b1", "org-b", ProductId: "hypershift", Managed: false));
        sim.AddCluster(new SimulatedCluster("c04", "q", "o'brien"));
        using var http = await AuthorizedClientAsync(sim);

        var ids = await IdsAsync(http, sim, $"api/clusters_mgmt/v1/clusters?order=id&search={Uri.EscapeDataString(search)}");

        Assert.Equal(expectedIds, string.Join(",", ids));
    }

    [Theory]
    [InlineData("name like 'a%'")]
    [InlineData("state='ready' or state='error'")]
    [InlineData("organization.id=org-a")]
    [InlineData("colour='blue'")]
    public async Task Clusters_WithUnsupportedSearch_Returns400ErrorBody(string search)
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);

        using var response = await http.GetAsync(new Uri(sim.BaseUrl, $"api/clusters_mgmt/v1/clusters?search={Uri.EscapeDataString(search)}"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        AssertError(body, 400, "");
    }

    [Fact]
    public async Task Clusters_WithUnknownQueryParameters_TolerateThem()
    {
        await using var sim = await StartWithClustersAsync(2);
        using var http = await AuthorizedClientAsync(sim);

        using var response = await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters?orderBy=id&fields=id&x=1"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Clusters_ClusterJson_HasLinkKindsAndNoOrganizationField()
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, "api/clusters_mgmt/v1/clusters");

        var cluster = body.RootElement.GetProperty("items")[0];
        Assert.Equal("Cluster", cluster.GetProperty("kind").GetString());
        Assert.Equal("ProductLink", cluster.GetProperty("product").GetProperty("kind").GetString());
        Assert.Equal("SubscriptionLink", cluster.GetProperty("subscription").GetProperty("kind").GetString());
        Assert.False(cluster.TryGetProperty("organization", out _));
        Assert.False(cluster.TryGetProperty("organization_id", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$", cluster.GetProperty("creation_timestamp").GetString());
    }

    [Fact]
    public async Task Addons_Installation_HasLinksParametersItemsAndOmitsUnsetFields()
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "2.9.0", "installing");
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, "api/clusters_mgmt/v1/clusters/c00/addons");

        Assert.Equal("AddOnInstallationList", body.RootElement.GetProperty("kind").GetString());
        var item = body.RootElement.GetProperty("items")[0];
        Assert.Equal("AddOnLink", item.GetProperty("addon").GetProperty("kind").GetString());
        Assert.Equal("AddOnVersionLink", item.GetProperty("addon_version").GetProperty("kind").GetString());
        Assert.Equal("2.9.0", item.GetProperty("addon_version").GetProperty("id").GetString());
        Assert.Equal("installing", item.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Array, item.GetProperty("parameters").GetProperty("items").ValueKind);
        Assert.False(item.TryGetProperty("state_description", out _));
        Assert.False(item.TryGetProperty("billing", out _));
        Assert.Matches(@"\.\d+Z$", item.GetProperty("updated_timestamp").GetString());
    }

    [Fact]
    public async Task Addons_ForUnknownCluster_Returns404ClustersMgmt404NamingCluster()
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);

        using var response = await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters/nope/addons"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        AssertError(body, 404, "nope");
    }

    [Theory]
    [InlineData("upgrading", "installing")]
    [InlineData("delete-pending", "deleting")]
    [InlineData("delete-failed", "failed")]
    [InlineData("undefined", "pending")]
    [InlineData("ready", "ready")]
    [InlineData("frozen", "frozen")]
    public async Task Addons_WithAddonServiceOnlyState_ShowsAClustersMgmtState(string state, string shown)
    {
        await using var sim = await StartWithClustersAsync(1);
        sim.SetAddonInstallation("c00", "acm", "1.0", state);
        using var http = await AuthorizedClientAsync(sim);

        using var body = await GetJsonAsync(http, sim, "api/clusters_mgmt/v1/clusters/c00/addons");

        Assert.Equal(shown, body.RootElement.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task AllResponses_IncludingErrorsAndFaults_AreApplicationJson()
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);
        using var anonymous = new HttpClient();
        sim.InjectFault(OcmRoutes.Catalog, OcmFault.Status(503, TimeSpan.FromSeconds(2)));

        HttpResponseMessage[] responses =
        [
            await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct),
            await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters?search=bad"), Ct),
            await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/nothing"), Ct),
            await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/addons"), Ct),
            await anonymous.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct),
            await anonymous.PostAsync(sim.TokenUrl, Form("x", "y"), Ct),
        ];

        Assert.Equal([200, 400, 404, 503, 401, 401], responses.Select(r => (int)r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(TimeSpan.FromSeconds(2), responses[3].Headers.RetryAfter?.Delta);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task RequestCount_PerRoute_CountsEveryRequestIncludingRejectedOnes()
    {
        await using var sim = await StartWithClustersAsync(1);
        using var http = await AuthorizedClientAsync(sim);
        using var anonymous = new HttpClient();

        (await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct)).Dispose();
        (await anonymous.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct)).Dispose();
        (await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters/c00/addons"), Ct)).Dispose();

        Assert.Equal(1, sim.RequestCount(OcmRoutes.Token));
        Assert.Equal(2, sim.RequestCount(OcmRoutes.Clusters));
        Assert.Equal(1, sim.RequestCount(OcmRoutes.Addons));
        Assert.Equal(0, sim.RequestCount(OcmRoutes.Catalog));
    }

    [Fact]
    public async Task InjectFault_WithProbabilityAndSeed_FaultsSameRequestsOnEachRun()
    {
        async Task<string> RunAsync()
        {
            await using var sim = await StartWithClustersAsync(1);
            sim.InjectFault(OcmRoutes.Clusters, OcmFault.Status(503), probability: 0.5, seed: 42);
            using var http = await AuthorizedClientAsync(sim);
            var codes = new List<int>();
            for (var i = 0; i < 12; i++)
            {
                using var response = await http.GetAsync(new Uri(sim.BaseUrl, "api/clusters_mgmt/v1/clusters"), Ct);
                codes.Add((int)response.StatusCode);
            }
            return string.Join(",", codes);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains("503", first, StringComparison.Ordinal);
        Assert.Contains("200", first, StringComparison.Ordinal);
    }

    internal static async Task<OcmSimulator> StartWithClustersAsync(int count, string org = "org1")
    {
        var sim = await OcmSimulator.StartAsync(cancellationToken: Ct);
        for (var i = 0; i < count; i++)
        {
            sim.AddCluster(new SimulatedCluster($"c{i:00}", $"cluster-{i}", org));
        }
        return sim;
    }
}
