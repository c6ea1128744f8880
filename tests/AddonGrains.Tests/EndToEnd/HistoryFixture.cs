using AddonGrains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Triggers;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// The real OCM and Jenkins clients against both simulators, one in-process silo with memory storage, and a fake
/// clock for the grains and the reminder service (trigger retention is days long). OCM timeouts are long, so a held
/// OCM answer holds a check until the test opens its gate. History keeps 2 events, retention is 1 day.
/// </summary>
public sealed class HistoryFixture : IAsyncLifetime
{
    public const string Job = "history-e2e";

    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public OcmSimulator Ocm { get; private set; } = null!;

    public JenkinsSimulator Jenkins { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Every grain call the silo received, by method name.</summary>
    public GrainCallCounter Calls { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Ocm = await OcmSimulator.StartAsync();
        Jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(50) });
        Jenkins.AddUser(EndToEndFixture.JenkinsUser, apiToken: EndToEndFixture.JenkinsToken);
        Jenkins.AddJob(new JenkinsSimJob(Job) { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } });
        var settings = new SettingsLoader(n => n switch
        {
            "OCM_SECRET" => OcmSimulatorOptions.DefaultClientSecret,
            "JENKINS_TOKEN" => EndToEndFixture.JenkinsToken,
            _ => null,
        }).Load(Yaml(Ocm, Jenkins));

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAddonGrains(settings, reconcileAtStart: false);
            silo.AddMemoryGrainStorage(StorageNames.Rollouts);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(Calls);
            silo.UseInMemoryReminderService();
            silo.Services.AddUpstreamClients(
                ocm => { ocm.AttemptTimeout = TimeSpan.FromMinutes(5); ocm.TotalTimeout = TimeSpan.FromMinutes(5); },
                jenkins => { jenkins.RetryDelay = TimeSpan.FromMilliseconds(20); });
            silo.Services.Configure<TriggerDeliveryOptions>(o => o.PollInterval = TimeSpan.FromMilliseconds(100));
            silo.Services.AddKeyedSingleton<TimeProvider>(AddonGrains.Grains.Clock.Key, Clock);
            silo.Services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, Clock);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Grains.GetGrain<IRegistryGrain>(IRegistryGrain.Key).ReconcileAsync(settings.RolloutKeys);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
    }

    public IRolloutGrain Rollout(string organization) => Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    /// <summary>Puts <paramref name="clusters"/> of <paramref name="orgId"/> on <paramref name="version"/> of acm.</summary>
    public void Fleet(string orgId, string version, params string[] clusters)
    {
        foreach (var id in clusters)
        {
            Ocm.AddCluster(new SimulatedCluster(id, $"cl-{id}", orgId));
            Ocm.SetAddonInstallation(id, "acm", version);
        }
    }

    private static string Yaml(OcmSimulator ocm, JenkinsSimulator jenkins) => $$"""
        ocm:
          - name: sim
            url: "{{ocm.BaseUrl.ToString().TrimEnd('/')}}"
            accessTokenUrl: "{{ocm.TokenUrl}}"
            accessTokenClientId: {{OcmSimulatorOptions.DefaultClientId}}
            accessTokenClientSecret: { env: OCM_SECRET }
        jenkins:
          - { name: ci, serverUrl: "{{jenkins.BaseUrl.ToString().TrimEnd('/')}}", user: {{EndToEndFixture.JenkinsUser}}, token: { env: JENKINS_TOKEN } }
        organizations:
          - { name: held, ocm: sim, orgId: org-held, addonUpgradeTests: [ { addon: acm, instance: ci, name: {{Job}} } ] }
          - { name: kept, ocm: sim, orgId: org-kept, addonUpgradeTests: [ { addon: acm, instance: ci, name: {{Job}} } ] }
          - { name: paged, ocm: sim, orgId: org-paged, addonUpgradeTests: [ { addon: acm, instance: ci, name: {{Job}} } ] }
        polling: { interval: 1h, rolloutInterval: 1h }
        history: { keep: 2, triggerStateRetention: 1d }
        """;
}

[CollectionDefinition(Name)]
public sealed class HistoryGroup : ICollectionFixture<HistoryFixture>
{
    public const string Name = nameof(HistoryGroup);
}
