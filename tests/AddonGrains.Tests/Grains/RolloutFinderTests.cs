using AddonGrains.Grains.Registry;
using AddonGrains.Tests.Support;

namespace AddonGrains.Tests.Grains;

/// <summary>The registry's resolution of the CLI's ORG (name or orgId) and ADDON, and its messages.</summary>
public sealed class RolloutFinderTests
{
    private static readonly string[] Keys = ["shared/mce", "shared/acm", "manual/acm"];

    [Theory]
    [InlineData("shared", "acm", "shared/acm")]
    [InlineData("org-shared", "mce", "shared/mce")]
    [InlineData("manual", "acm", "manual/acm")]
    public void Find_NameOrOrgIdAndAddon_ReturnsTheOneKey(string organization, string addon, string expected)
    {
        var lookup = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, organization, addon);

        Assert.Null(lookup.Error);
        Assert.Equal([expected], lookup.Keys);
    }

    [Fact]
    public void Find_Filters_ReturnSortedKeys()
    {
        var all = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, null, null);
        var ofOrganization = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, "org-shared", null);
        var ofAddon = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, null, "acm");

        Assert.Equal(["manual/acm", "shared/acm", "shared/mce"], all.Keys);
        Assert.Equal(["shared/acm", "shared/mce"], ofOrganization.Keys);
        Assert.Equal(["manual/acm", "shared/acm"], ofAddon.Keys);
    }

    [Fact]
    public void Find_Unknown_ListsWhatIsKnown()
    {
        var organization = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, "nope", "acm");
        var addon = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, "manual", "mce");
        var anyAddon = RolloutFinder.Find(Keys, GrainClusterFixture.Settings, null, "odf");
        var empty = RolloutFinder.Find([], GrainClusterFixture.Settings, "manual", null);

        Assert.Empty(organization.Keys);
        Assert.Equal("unknown organization 'nope'. Known organizations (name or orgId): manual (orgId org-manual), shared (orgId org-shared)", organization.Error);
        Assert.Equal("unknown add-on 'mce': organization manual does not watch it. Known add-ons: acm", addon.Error);
        Assert.Equal("unknown add-on 'odf': no organization watches it. Known add-ons: acm, mce", anyAddon.Error);
        Assert.Contains("the cluster watches no organization yet", empty.Error, StringComparison.Ordinal);
    }
}
