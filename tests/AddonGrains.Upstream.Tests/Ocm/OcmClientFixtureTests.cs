using System.Net;
using System.Web;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Upstream.Tests.Ocm;

/// <summary>The client against hand-written OCM payloads (stub handler, no network).</summary>
public sealed class OcmClientFixtureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListClustersAsync_WithNotesExample_MapsIdNameStateManagedAndProductLink()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.ClusterList), out _);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal([new OcmCluster("2a7c0example0000000000000000abcd", "prod-east", "ready", true, "rosa")], clusters);
    }

    [Fact]
    public async Task ListClustersAsync_Always_SendsOrgSearchOrderIdAscPageAndSizeButNoOrderBy()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Clusters(1, "a")), out var stub);

        await harness.Client.ListClustersAsync("org_1-X", Ct);

        var query = HttpUtility.ParseQueryString(Assert.Single(stub.RequestsTo("/clusters")).RequestUri!.Query);
        Assert.Equal("organization.id='org_1-X' and managed='true'", query["search"]);
        Assert.Equal("id asc", query["order"]);
        Assert.Equal("1", query["page"]);
        Assert.Equal("100", query["size"]);
        Assert.Null(query["orderBy"]);
    }

    [Fact]
    public async Task ListClustersAsync_Always_SendsBearerFromTokenEndpoint()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Clusters(1, "a")), out var stub);

        await harness.Client.ListClustersAsync("org1", Ct);

        var token = Assert.Single(stub.RequestsTo("/token"));
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("Bearer", Assert.Single(stub.RequestsTo("/clusters")).Headers.Authorization?.Scheme);
    }

    [Fact]
    public async Task ListClustersAsync_WhenFirstPageHoldsTotal_AsksNoFurtherPage()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Clusters(1, "a", "b")), out var stub, o => o.PageSize = 2);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(["a", "b"], clusters.Select(c => c.Id));
        Assert.Single(stub.RequestsTo("/clusters"));
    }

    [Fact]
    public async Task ListClustersAsync_WithTotalOverSeveralPages_FetchesEachPageOnceInPageOrder()
    {
        await using var harness = OcmClientHarness.ForStub(
            (request, _) => StubHttpHandler.Json(HttpUtility.ParseQueryString(request.RequestUri!.Query)["page"] switch
            {
                "1" => OcmFixtures.Clusters(1, 5, "a", "b"),
                "2" => OcmFixtures.Clusters(2, 5, "c", "d"),
                _ => OcmFixtures.Clusters(3, 5, "e"),
            }),
            out var stub,
            o => o.PageSize = 2);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(["a", "b", "c", "d", "e"], clusters.Select(c => c.Id));
        Assert.Equal(["1", "2", "3"], stub.RequestsTo("/clusters").Select(r => HttpUtility.ParseQueryString(r.RequestUri!.Query)["page"]).Order());
    }

    [Theory]
    [InlineData(3, "2 distinct items over 2 pages, but 'total' is 3")]
    [InlineData(1, "2 distinct items over 1 pages, but 'total' is 1")]
    [InlineData(-1, "'total' is -1, less than zero")]
    public async Task ListClustersAsync_WhenItemsDisagreeWithTotal_ThrowsOcmExceptionNotPartialResult(int total, string expected)
    {
        await using var harness = OcmClientHarness.ForStub(
            (request, _) => StubHttpHandler.Json(request.RequestUri!.Query.Contains("page=1", StringComparison.Ordinal)
                ? OcmFixtures.Clusters(1, total, "a", "b")
                : OcmFixtures.Clusters(2, total)),
            out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClustersAsync_WhenOnePageRepeatsAnItem_ThrowsOcmExceptionNotADuplicate()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Clusters(1, 2, "a", "a")), out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains("1 distinct items over 1 pages, but 'total' is 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClustersAsync_WhenTotalChangesBetweenPages_ThrowsOcmException()
    {
        await using var harness = OcmClientHarness.ForStub(
            (request, _) => StubHttpHandler.Json(request.RequestUri!.Query.Contains("page=1", StringComparison.Ordinal)
                ? OcmFixtures.Clusters(1, 3, "a", "b")
                : OcmFixtures.Clusters(2, 4, "c", "d")),
            out _,
            o => o.PageSize = 2);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains("'total' changed from 3 to 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClustersAsync_WithProducts_SendsQuotedProductInClause()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.Clusters(1, "a")), out var stub);

        await harness.Client.ListClustersAsync("org1", ["osd", "rosa", "hypershift"], Ct);

        var query = HttpUtility.ParseQueryString(Assert.Single(stub.RequestsTo("/clusters")).RequestUri!.Query);
        Assert.Equal("organization.id='org1' and managed='true' and product.id in ('osd','rosa','hypershift')", query["search"]);
    }

    [Theory]
    [InlineData("updating")]
    [InlineData("some_future_state")]
    public async Task ListClustersAsync_WhenClusterStateIsNotInOlderEnums_KeepsRawState(string state)
    {
        var json = OcmFixtures.ClusterList.Replace("\"state\": \"ready\"", $"\"state\": \"{state}\"", StringComparison.Ordinal);
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out _);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(state, Assert.Single(clusters).State);
    }

    [Fact]
    public async Task ListClustersAsync_WhenOptionalFieldsAreOmitted_UsesFallbacks()
    {
        await using var harness = OcmClientHarness.ForStub(
            (_, _) => StubHttpHandler.Json("""{"kind":"ClusterList","page":1,"size":1,"total":1,"items":[{"kind":"Cluster","id":"c1"}]}"""), out _);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Equal(new OcmCluster("c1", "c1", "unknown", false, null), Assert.Single(clusters));
    }

    [Theory]
    [InlineData("""{"kind":"ClusterList","page":1,"size":1,"total":1,"items":[{"kind":"Cluster","name":"no-id"}]}""", "without 'id'")]
    [InlineData("""{"kind":"ClusterList","page":1,"size":0,"total":0}""", "no 'items'")]
    [InlineData("""{"kind":"ClusterList","page":1,"items":[{"kind":"Cluster","id":""", "malformed")]
    [InlineData("""<html>proxy error</html>""", "malformed")]
    [InlineData("""{"kind":"ClusterList","items":"nope"}""", "malformed")]
    public async Task ListClustersAsync_WhenResponseIsIncomplete_ThrowsOcmExceptionNotPartialResult(string body, string expected)
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(body), out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("/api/clusters_mgmt/v1/clusters", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org'1")]
    [InlineData("org 1")]
    [InlineData("")]
    [InlineData("a' or '1'='1")]
    public async Task ListClustersAsync_WhenOrgIdIsInvalid_ThrowsArgumentExceptionNamingValueWithoutRequest(string orgId)
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.ClusterList), out var stub);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.ListClustersAsync(orgId, Ct));

        Assert.Contains($"'{orgId}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_WithLinksAndParametersItems_MapsAddonIdAndVersion()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.InstallationList), out var stub);

        var installations = await harness.Client.ListAddonInstallationsAsync("c1", Ct);

        Assert.Equal(new OcmAddonInstallation("managed-odh", "2.8.1", "ready", ""), Assert.Single(installations));
        Assert.EndsWith("/api/clusters_mgmt/v1/clusters/c1/addons", Assert.Single(stub.RequestsTo("/addons")).RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_WhenAddonIsFullObjectAndStateUnknown_MapsAndKeepsRawState()
    {
        var json = OcmFixtures.Installations(
            """{"kind":"AddOnInstallation","id":"inst-1","addon":{"kind":"AddOn","id":"acm","name":"ACM","enabled":true},"addon_version":{"kind":"AddOnVersion","id":"2.9.0","enabled":true},"state":"upgrading","parameters":{"items":[]}}""");
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out _);

        var installations = await harness.Client.ListAddonInstallationsAsync("c1", Ct);

        Assert.Equal(new OcmAddonInstallation("acm", "2.9.0", "upgrading", null), Assert.Single(installations));
    }

    [Fact]
    public async Task ListAddonInstallationsAsync_WhenAddonLinkAndVersionAreOmitted_FallsBackToInstallationId()
    {
        var json = OcmFixtures.Installations("""{"kind":"AddOnInstallation","id":"acm","state":"installing","parameters":[{"id":"p","value":"v"}]}""");
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(json), out _);

        var installations = await harness.Client.ListAddonInstallationsAsync("c1", Ct);

        Assert.Equal(new OcmAddonInstallation("acm", null, "installing", null), Assert.Single(installations));
    }

    [Fact]
    public async Task ListAddonsAsync_WithNotesExample_MapsNameAndDefaultVersionLink()
    {
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(OcmFixtures.AddonList), out _);

        var addons = await harness.Client.ListAddonsAsync(Ct);

        Assert.Equal(new OcmAddon("managed-odh", "Managed ODH", "2.9.0"), Assert.Single(addons));
    }

    [Theory]
    [InlineData("\"404\"")]
    [InlineData("404")]
    public async Task ListAddonInstallationsAsync_WhenErrorIdIsStringOrNumber_ReportsStatusCodeReasonAndOperationId(string id)
    {
        var body = $$"""{"kind":"Error","id":{{id}},"href":"/api/clusters_mgmt/v1/errors/404","code":"CLUSTERS-MGMT-404","reason":"Cluster 'c9' not found","operation_id":"op-123"}""";
        await using var harness = OcmClientHarness.ForStub((_, _) => StubHttpHandler.Json(body, HttpStatusCode.NotFound), out _);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListAddonInstallationsAsync("c9", Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("CLUSTERS-MGMT-404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster 'c9' not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("op-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClustersAsync_WhenApiAnswers401Once_RefreshesTokenOnceAndSucceeds()
    {
        await using var harness = OcmClientHarness.ForStub(
            (_, n) => n == 2
                ? StubHttpHandler.Json("""{"kind":"Error","id":"401","code":"CLUSTERS-MGMT-401","reason":"Bearer token is expired"}""", HttpStatusCode.Unauthorized)
                : StubHttpHandler.Json(OcmFixtures.Clusters(1, "a")),
            out var stub);

        var clusters = await harness.Client.ListClustersAsync("org1", Ct);

        Assert.Single(clusters);
        var bearers = stub.Bearers.Where(b => b is not null).ToList();
        Assert.Equal(2, bearers.Count);
        Assert.NotEqual(bearers[0], bearers[1]);
        Assert.Equal(2, stub.RequestsTo("/token").Count());
    }

    [Fact]
    public async Task ListClustersAsync_WhenApiAlways401_ThrowsOcmExceptionAfterOneRefreshWithoutLeakingSecrets()
    {
        await using var harness = OcmClientHarness.ForStub(
            (_, _) => StubHttpHandler.Json("""{"kind":"Error","id":"401","code":"CLUSTERS-MGMT-401","reason":"Access denied"}""", HttpStatusCode.Unauthorized),
            out var stub);

        var ex = await Assert.ThrowsAsync<OcmException>(() => harness.Client.ListClustersAsync("org1", Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(2, stub.RequestsTo("/token").Count());
        Assert.Contains("accessTokenClientSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OcmClientHarness.Secret, ex.ToString(), StringComparison.Ordinal);
        foreach (var bearer in stub.Bearers.OfType<string>())
        {
            Assert.DoesNotContain(bearer, ex.ToString(), StringComparison.Ordinal);
        }
    }
}
