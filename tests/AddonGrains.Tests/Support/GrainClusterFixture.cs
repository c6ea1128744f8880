using AddonGrains.Grains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Triggers;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Support;

/// <summary>
/// One in-process silo with memory storage (counted), a fake OCM, a recording trigger dispatcher and a fake clock
/// used both by the grains and by the reminder service. Organizations are named per scenario so tests stay apart.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public const string Yaml = """
        ocm:
          - { name: integration, url: "https://ocm.invalid", accessTokenUrl: "https://sso.invalid/token", accessTokenClientId: id, accessTokenClientSecret: { env: OCM_SECRET } }
        jenkins:
          - { name: ci-int, serverUrl: "https://ci.invalid", user: bot, token: { env: JENKINS_TOKEN } }
        organizations:
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
          - { name: audited, ocm: integration, orgId: org-audited, addonUpgradeTests: [ { addon: acm, instance: ci-int, name: e2e } ] }
        polling: { interval: 1m, rolloutInterval: 10s, ocmConcurrency: 4 }
        """;

    public static readonly AddonGrainsSettings Settings =
        new SettingsLoader(n => n switch { "OCM_SECRET" => "s1", "JENKINS_TOKEN" => "t1", _ => null }).Load(Yaml);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeOcm Ocm { get; } = new();

    public RecordingTriggerDispatcher Triggers { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAddonGrains(Settings, reconcileAtStart: false);
            silo.Services.AddGrainStorage(StorageNames.Rollouts, (sp, name) => new CountingGrainStorage(MemoryGrainStorageFactory.Create(sp, name)));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IOcmClientFactory>(Ocm);
            silo.Services.AddSingleton<ITriggerDispatcher>(Triggers);
            silo.Services.AddKeyedSingleton<TimeProvider>(AddonGrains.Grains.Clock.Key, Clock);
            silo.Services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, Clock);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GrainClusterGroup : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = nameof(GrainClusterGroup);
}
