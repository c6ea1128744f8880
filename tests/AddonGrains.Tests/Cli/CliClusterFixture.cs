using AddonGrains.Configuration;
using AddonGrains.Tests.Support;

namespace AddonGrains.Tests.Cli;

/// <summary>
/// The CLI tests' silo (<see cref="FakeUpstreamClusterFixture"/>; its clock never moves, so tables are stable enough
/// for golden files). The fleet of organization <c>golden</c> is put in every phase once, at start; tests that change
/// state use their own organization.
/// </summary>
public sealed class CliClusterFixture() : FakeUpstreamClusterFixture(Settings)
{
    public const string Yaml = $$"""
        {{Upstreams}}
          - name: golden
            ocm: integration
            orgId: g-1
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: e2e, parameters: { ENV: int } }
              - { addon: acm, instance: ci-int, name: folder/smoke }
              - { addon: mce, instance: ci-int, name: e2e }
              - { addon: odf, instance: ci-int, name: e2e }
              - { addon: osd, instance: ci-int, name: e2e }
              - { addon: rhods, instance: ci-int, name: e2e }
          - { name: dark, ocm: integration, orgId: d-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - name: manual
            ocm: integration
            orgId: m-1
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: e2e }
              - { addon: acm, instance: ci-int, name: missing }
              - { addon: acm, instance: ci-int, name: disabled }
          - { name: base, ocm: integration, orgId: b-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: fresh, ocm: integration, orgId: f-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - name: verdict
            ocm: integration
            orgId: v-1
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: e2e }
              - { addon: acm, instance: ci-int, name: folder/smoke }
          - { name: waited, ocm: integration, orgId: w-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: paused, ocm: integration, orgId: p-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: held, ocm: integration, orgId: h-1, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
        polling: { interval: 1m, rolloutInterval: 10s, ocmConcurrency: 4 }
        """;

    public static readonly AddonGrainsSettings Settings = Load(Yaml);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.GetGrain<IRegistryGrain>(IRegistryGrain.Key).ReconcileAsync(Settings.RolloutKeys);
        Jenkins.SetJob("e2e", true, "ADDON_ID", "ADDON_VERSION", "PREVIOUS_ADDON_VERSION", "TRIGGER_ID", "ENV", "UNRELATED");
        Jenkins.SetJob("folder/smoke", true);
        Jenkins.SetJob("disabled", false, "ADDON_VERSION");
        await ScriptGoldenFleetAsync();
    }

    /// <summary>Clusters g1..g6 and their add-ons, so that organization <c>golden</c> shows every phase.</summary>
    private async Task ScriptGoldenFleetAsync()
    {
        var clusters = new[] { "g1", "g2", "g3", "g4", "g5", "g6" };
        foreach (var c in clusters)
        {
            Ocm.SetCluster("g-1", c);
            Ocm.SetAddon(c, "acm", "2.8.0");
            Ocm.SetAddon(c, "mce", "1.0.0");
            Ocm.SetAddon(c, "odf", c == "g1" ? "4.1.0" : "4.0.0");
        }

        Ocm.SetCluster("g-1", "g7", "installing");
        await Rollout("golden", "acm").CheckAsync();
        await Rollout("golden", "mce").CheckAsync();
        foreach (var c in clusters.Take(5))
        {
            Ocm.SetAddon(c, "acm", "2.9.0");
        }

        foreach (var c in clusters)
        {
            Ocm.SetAddon(c, "mce", "1.1.0");
        }

        await Rollout("golden", "acm").CheckAsync();
        await Rollout("golden", "mce").CheckAsync();
        await Rollout("golden", "odf").CheckAsync();
        await Rollout("golden", "osd").CheckAsync();

        Ocm.SetCluster("d-1", "d1");
        Ocm.FailWith("OCM answered 503 Service Unavailable");
        try
        {
            await Rollout("dark", "acm").CheckAsync();
        }
        finally
        {
            Ocm.FailWith(null);
        }

        foreach (var (orgId, cluster) in new[] { ("m-1", "m1"), ("b-1", "b1"), ("f-1", "f1"), ("v-1", "v1"), ("w-1", "w1"), ("p-1", "p1") })
        {
            Ocm.SetCluster(orgId, cluster);
            Ocm.SetAddon(cluster, "acm", "3.0.0");
        }

        await Rollout("manual", "acm").CheckAsync();
        await Rollout("base", "acm").CheckAsync();
        await ScriptHeldFleetAsync();
    }

    /// <summary>Organization <c>held</c>: h1 done, h2 on the target with <c>UpgradeSucceeded=False</c>, h3 scheduled to move back.</summary>
    private async Task ScriptHeldFleetAsync()
    {
        foreach (var cluster in new[] { "h1", "h2", "h3" })
        {
            Ocm.SetCluster("h-1", cluster);
        }

        Ocm.SetAddon("h1", "acm", "1.1.0");
        Ocm.SetAddon("h2", "acm", "1.1.0", desired: "1.1.0");
        Ocm.SetConditions("h2", "acm", new AddonGrains.Upstream.Ocm.OcmAddonCondition("UpgradeSucceeded", "False", "UpgradeFailed"));
        Ocm.SetAddon("h3", "acm", "1.1.0", desired: "1.0.9");
        await Rollout("held", "acm").CheckAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CliClusterGroup : ICollectionFixture<CliClusterFixture>
{
    public const string Name = nameof(CliClusterGroup);
}
