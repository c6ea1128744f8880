using AddonGrains.Configuration;

namespace AddonGrains.Tests.Support;

/// <summary>The grain tests' silo (<see cref="FakeUpstreamClusterFixture"/>): one organization per scenario.</summary>
public sealed class GrainClusterFixture() : FakeUpstreamClusterFixture(Settings)
{
    public const string Yaml = $$"""
        {{Upstreams}}
          - name: rollout
            ocm: integration
            orgId: org-rollout
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: api-e2e, parameters: { ENV: int } }
              - { addon: acm, instance: ci-int, name: folder/smoke }
          - { name: reactivate, ocm: integration, orgId: org-reactivate, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: steady, ocm: integration, orgId: org-steady, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - name: shared
            ocm: integration
            orgId: org-shared
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: e2e }
              - { addon: mce, instance: ci-int, name: e2e }
          - { name: failing, ocm: integration, orgId: org-failing, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: scheduled, ocm: integration, orgId: org-scheduled, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: manual, ocm: integration, orgId: org-manual, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: bounded, ocm: integration, orgId: org-bounded, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - name: multi
            ocm: integration
            orgId: org-multi
            addonUpgradeTests:
              - { addon: acm, instance: ci-int, name: e2e }
              - { addon: acm, instance: ci-int, name: smoke }
          - { name: paged, ocm: integration, orgId: org-paged, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: audited, ocm: integration, orgId: org-audited, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: audit-kept, ocm: integration, orgId: org-audit-kept, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: fast, ocm: integration, orgId: org-fast, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: paused, ocm: integration, orgId: org-paused, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
          - { name: pause-until, ocm: integration, orgId: org-pause-until, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
        polling: { interval: 1m, rolloutInterval: 10s, ocmConcurrency: 4 }
        history: { keep: 5, triggerStateRetention: 3d }
        """;

    public static readonly AddonGrainsSettings Settings = Load(Yaml);
}

[CollectionDefinition(Name)]
public sealed class GrainClusterGroup : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = nameof(GrainClusterGroup);
}
