using AddonGrains.Configuration;
using AddonGrains.Upstream.AppInterface;

namespace AddonGrains.Tests.AppInterface;

/// <summary>The typed settings built straight from app-interface items: errors name the item, as docs/configuration.md shows.</summary>
public sealed class AppInterfaceBinderTests
{
    private static readonly OcmInstanceEnvironment Sim = new("sim", "https://api.example.com", "client", "https://sso.example.com/token", new VaultSecret("app/ocm", "secret", null, null));
    private static readonly JenkinsTomlSecret Toml = new(new Uri("https://ci.example.com"), "bot", "token");

    private static OcmInstance Org(string name, string orgId, params string[] addons) =>
        new(name, orgId, Sim, null, null, null, [.. addons.Select(a => new AddonUpgradeTestRef(new NamedRef(a), new JenkinsInstanceRef("ci", new VaultSecret("app/ci", "toml", null, null)), "job"))]);

    private static ImmutableArray<string> Errors(params OcmInstance[] instances) =>
        Assert.Throws<ConfigurationException>(() => new AppInterfaceBinder().Bind(instances, ["ocm-secret"], new Dictionary<string, JenkinsTomlSecret> { ["ci"] = Toml }, RolloutPolicy.Default)).Errors;

    [Fact]
    public void Bind_ValidItems_GivesTheTypedSettings()
    {
        var (ocm, jenkins, organizations) = new AppInterfaceBinder().Bind([Org("quiet", "org-quiet"), Org("fleet", "org-fleet", "acm")], ["ocm-secret"],
            new Dictionary<string, JenkinsTomlSecret> { ["ci"] = Toml }, RolloutPolicy.Default);

        Assert.Equal(("sim", "ocm-secret"), (Assert.Single(ocm).Name, ocm[0].AccessTokenClientSecret.Value));
        Assert.Equal(("ci", "token"), (Assert.Single(jenkins).Name, jenkins[0].Token!.Value));
        Assert.Equal(["fleet/acm"], Assert.Single(organizations).AddonUpgradeTests.Select(t => $"fleet/{t.Addon}"));
    }

    [Fact]
    public void Bind_NoSubscriptions_SaysEachListIsEmpty() =>
        Assert.Equal(["ocm: expected a list with at least one entry", "jenkins: expected a list with at least one entry", "organizations: expected a list with at least one entry"],
            Errors(Org("quiet", "org-quiet")));

    [Fact]
    public void Bind_SameOrganizationTwice_NamesTheSecondItem() =>
        Assert.Equal(["ocm_instances_v1[2].name: duplicate organization name 'fleet' (first at organizations[0])",
                "ocm_instances_v1[2].orgId: duplicate organization (ocm, orgId) 'sim/org-fleet' (first at organizations[0])"],
            Errors(Org("fleet", "org-fleet", "acm"), Org("quiet", "org-quiet"), Org("fleet", "org-fleet", "mce")));

    [Fact]
    public void Bind_BadTestAndMissingClientSecret_NameTheItemsFields()
    {
        var noSecret = Org("fleet", "org-fleet", "-bad") with { Environment = Sim with { AccessTokenClientSecret = null } };

        Assert.Equal(["ocm_instances_v1[0].environment.accessTokenClientSecret: required (as { env: VAR } or { file: /path })",
                "ocm_instances_v1[0].ocm: unknown OCM environment 'sim' (known: )",
                "ocm_instances_v1[0].addonUpgradeTests[0].addon.name: '-bad' is not a valid OCM add-on id (letters, digits, '.', '_' and '-'; starting with a letter or digit)"],
            Errors(noSecret));
    }
}
