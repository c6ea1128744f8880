using AddonGrains.Configuration;

namespace AddonGrains.Tests.Configuration;

/// <summary><c>ocm[].maxConcurrency</c>, <c>ocm[].maxRequestsPerSecond</c>, <c>ocm[].addonsApi</c>, <c>ocm[].addonStatus</c> and <c>organizations[].products</c>.</summary>
public sealed class OcmTrafficSettingsTests
{
    private static SettingsLoader Loader() => new(name => name switch
    {
        "OCM_SECRET" => "ocm-secret-value-7d1f",
        "JENKINS_TOKEN" => "jenkins-token-value-91ab",
        _ => null,
    });

    private static string WithOcmKeys(string keys) => WithOcmKeysOn(SettingsLoaderTests.Valid, keys);

    private static string WithProducts(string products) => SettingsLoaderTests.Valid.Replace(
        "    orgId: 1aBcD2eFgH\n",
        $"    orgId: 1aBcD2eFgH\n    products: {products}\n",
        StringComparison.Ordinal);

    private static string Error(string yaml) =>
        string.Join("\n", Assert.Throws<ConfigurationException>(() => Loader().Load(yaml)).Errors);

    [Fact]
    public void Load_WithoutBudgetOrProducts_Uses16InFlightNoRateCapAndEveryProduct()
    {
        var settings = Loader().Load(SettingsLoaderTests.Valid);

        var ocm = Assert.Single(settings.Ocm);
        Assert.Equal(16, ocm.MaxConcurrency);
        Assert.Null(ocm.MaxRequestsPerSecond);
        Assert.Empty(Assert.Single(settings.Organizations).ProductIds);
    }

    [Fact]
    public void Load_WithBudgetAndProducts_BindsThem()
    {
        var yaml = WithOcmKeysOn(WithProducts("[osd, rosa, hypershift]"), "    maxConcurrency: 32\n    maxRequestsPerSecond: 12.5\n");

        var settings = Loader().Load(yaml);

        var ocm = Assert.Single(settings.Ocm);
        Assert.Equal(32, ocm.MaxConcurrency);
        Assert.Equal(12.5, ocm.MaxRequestsPerSecond);
        Assert.Equal(["osd", "rosa", "hypershift"], Assert.Single(settings.Organizations).ProductIds);
    }

    [Theory]
    [InlineData("    maxConcurrency: 0\n", "ocm[0].maxConcurrency: expected a whole number from 1 to 256")]
    [InlineData("    maxConcurrency: lots\n", "ocm[0].maxConcurrency: expected a whole number from 1 to 256")]
    [InlineData("    maxRequestsPerSecond: -3\n", "ocm[0].maxRequestsPerSecond: expected a number from 0.1 to 10000")]
    [InlineData("    maxRequestsPerSecond: fast\n", "ocm[0].maxRequestsPerSecond: expected a number from 0.1 to 10000")]
    public void Load_WithBadBudget_NamesTheKey(string keys, string expected)
    {
        Assert.Contains(expected, Error(WithOcmKeys(keys)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "organizations[0].products: expected a non-empty list of OCM product ids")]
    [InlineData("osd", "organizations[0].products: expected a non-empty list of OCM product ids")]
    [InlineData("[osd, \"ro'sa\"]", "organizations[0].products[1]: 'ro'sa' is not an OCM product id")]
    [InlineData("[osd, osd]", "organizations[0].products[1]: 'osd' is listed twice")]
    public void Load_WithBadProducts_NamesTheEntry(string products, string expected)
    {
        Assert.Contains(expected, Error(WithProducts(products)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", AddonsApi.AddonsMgmt, true)]
    [InlineData("    addonsApi: addons_mgmt\n", AddonsApi.AddonsMgmt, true)]
    [InlineData("    addonsApi: addons_mgmt\n    addonStatus: false\n", AddonsApi.AddonsMgmt, false)]
    [InlineData("    addonStatus: true\n", AddonsApi.AddonsMgmt, true)]
    [InlineData("    addonsApi: clusters_mgmt\n", AddonsApi.ClustersMgmt, false)]
    [InlineData("    addonsApi: clusters_mgmt\n    addonStatus: false\n", AddonsApi.ClustersMgmt, false)]
    public void Load_AddonsApiAndStatus_DefaultToTheAddonServiceWithStatus(string keys, AddonsApi api, bool status)
    {
        var ocm = Assert.Single(Loader().Load(WithOcmKeys(keys)).Ocm);

        Assert.Equal((api, status), (ocm.AddonsApi, ocm.AddonStatus));
    }

    [Theory]
    [InlineData("    addonsApi: clusters_mgmt\n    addonStatus: true\n", "ocm[0].addonStatus: true needs addonsApi: addons_mgmt (clusters_mgmt has no add-on status)")]
    [InlineData("    addonsApi: addons_mgmt_v2\n", "ocm[0].addonsApi: 'addons_mgmt_v2' is not one of addons_mgmt, clusters_mgmt")]
    [InlineData("    addonsApi: [addons_mgmt]\n", "ocm[0].addonsApi: expected a single value")]
    [InlineData("    addonStatus: yes\n", "ocm[0].addonStatus: 'yes' is not one of true, false")]
    [InlineData("    addonStaus: true\n", "ocm[0].addonStaus: unknown key")]
    public void Load_WithBadAddonsApiOrStatus_NamesTheKey(string keys, string expected)
    {
        Assert.Contains(expected, Error(WithOcmKeys(keys)), StringComparison.Ordinal);
    }

    private static string WithOcmKeysOn(string yaml, string keys) => yaml.Replace(
        "    accessTokenClientSecret: { env: OCM_SECRET }\n",
        $"    accessTokenClientSecret: {{ env: OCM_SECRET }}\n{keys}",
        StringComparison.Ordinal);
}
