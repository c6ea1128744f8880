using System.Collections.Concurrent;
using AddonGrains.Grains.Configuration;
using AddonGrains.Grains.Hosting;
using AddonGrains.Grains.Triggers;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// The real OCM and Jenkins clients against both simulators over loopback HTTP, in one in-process silo with memory
/// storage. Delivery and retries are fast; everything else is production code.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string JenkinsUser = "bot";
    public const string JenkinsToken = "11e2e0token0secret0value0abcdef0123";

    public OcmSimulator Ocm { get; private set; } = null!;

    public JenkinsSimulator Jenkins { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public CrashProbe Probe { get; } = new();

    /// <summary>Fails chosen writes of the grain storage (every grain's state goes through it).</summary>
    public StorageFaults StorageFaults { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Ocm = await OcmSimulator.StartAsync();
        Jenkins = await JenkinsSimulator.StartAsync(new JenkinsSimulatorOptions { QuietPeriod = TimeSpan.FromMilliseconds(100) });
        Jenkins.AddUser(JenkinsUser, apiToken: JenkinsToken);
        var declared = new Dictionary<string, string>
        {
            ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["UPGRADE_DIRECTION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "none",
        };
        Jenkins.AddJob(new JenkinsSimJob("api-e2e") { Parameters = declared });
        Jenkins.AddJob(new JenkinsSimJob("qe/plain job"));
        Jenkins.AddJob(new JenkinsSimJob("failing") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" }, Result = "FAILURE" });
        Jenkins.AddJob(new JenkinsSimJob("disabled") { Disabled = true });
        Jenkins.AddJob(new JenkinsSimJob("outage") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } });
        Jenkins.AddJob(new JenkinsSimJob("auth-other"));
        Jenkins.AddJob(new JenkinsSimJob("chaos") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } });
        Jenkins.AddJob(new JenkinsSimJob("sweep") { Parameters = declared });
        Jenkins.AddJob(new JenkinsSimJob("sweep plain"));
        Jenkins.AddJob(new JenkinsSimJob("crashy") { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" }, BuildDuration = TimeSpan.FromSeconds(1) });

        var settings = new SettingsLoader(n => n switch
        {
            "OCM_SECRET" => OcmSimulatorOptions.DefaultClientSecret,
            "JENKINS_TOKEN" => JenkinsToken,
            "BAD_TOKEN" => "11wrong0token0000000000000000000000",
            _ => null,
        }).Load(Yaml(Ocm, Jenkins));

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAddonGrains(settings, reconcileAtStart: false);
            silo.Services.AddGrainStorage(AddonGrains.GrainInterfaces.StorageNames.Rollouts,
                (sp, name) => new FaultInjectingGrainStorage(MemoryGrainStorageFactory.Create(sp, name), StorageFaults));
            silo.UseInMemoryReminderService();
            silo.Services.AddUpstreamClients(settings,
                ocm => { ocm.RetryBaseDelay = TimeSpan.FromMilliseconds(20); ocm.AttemptTimeout = TimeSpan.FromSeconds(2); ocm.TotalTimeout = TimeSpan.FromSeconds(5); },
                jenkins => { jenkins.RetryDelay = TimeSpan.FromMilliseconds(20); jenkins.AttemptTimeout = TimeSpan.FromSeconds(2); jenkins.TotalTimeout = TimeSpan.FromSeconds(5); });
            silo.Services.Configure<TriggerDeliveryOptions>(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            });
            silo.Services.AddSingleton<IDeliveryProbe>(Probe);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Jenkins.DisposeAsync();
        await Ocm.DisposeAsync();
    }

    /// <summary>Puts <paramref name="clusters"/> of <paramref name="orgId"/> on <paramref name="version"/> of acm.</summary>
    public void Fleet(string orgId, string version, params string[] clusters)
    {
        foreach (var id in clusters)
        {
            Ocm.AddCluster(new SimulatedCluster(id, $"cl-{id}", orgId));
            Ocm.SetAddonInstallation(id, "acm", version);
        }
    }

    private static string Yaml(OcmSimulator ocm, JenkinsSimulator jenkins) => $"""
        ocm:
          - name: sim
            url: "{ocm.BaseUrl.ToString().TrimEnd('/')}"
            accessTokenUrl: "{ocm.TokenUrl}"
            accessTokenClientId: {OcmSimulatorOptions.DefaultClientId}
            accessTokenClientSecret: {"{"} env: OCM_SECRET {"}"}
        jenkins:
          - name: ci
            serverUrl: "{jenkins.BaseUrl.ToString().TrimEnd('/')}"
            user: {JenkinsUser}
            token: {"{"} env: JENKINS_TOKEN {"}"}
          - name: ci-bad
            serverUrl: "{jenkins.BaseUrl.ToString().TrimEnd('/')}"
            user: {JenkinsUser}
            token: {"{"} env: BAD_TOKEN {"}"}
        organizations:
          - name: e2e-ok
            ocm: sim
            orgId: org-ok
            addonUpgradeTests:
              - {"{"} addon: acm, instance: ci, name: api-e2e, parameters: {"{"} ENV: integration, UNDECLARED: x {"}"} {"}"}
              - {"{"} addon: acm, instance: ci, name: qe/plain job {"}"}
          - {"{"} name: e2e-fail, ocm: sim, orgId: org-fail, addonUpgradeTests: [ {"{"} addon: acm, instance: ci, name: failing {"}"} ] {"}"}
          - name: e2e-broken
            ocm: sim
            orgId: org-broken
            addonUpgradeTests:
              - {"{"} addon: acm, instance: ci, name: missing {"}"}
              - {"{"} addon: acm, instance: ci, name: disabled {"}"}
              - {"{"} addon: acm, instance: ci, name: api-e2e {"}"}
          - {"{"} name: e2e-outage, ocm: sim, orgId: org-outage, addonUpgradeTests: [ {"{"} addon: acm, instance: ci, name: outage {"}"} ] {"}"}
          - {"{"} name: e2e-ocm-chaos, ocm: sim, orgId: org-ocm-chaos, addonUpgradeTests: [ {"{"} addon: acm, instance: ci, name: chaos {"}"} ] {"}"}
          - name: e2e-auth
            ocm: sim
            orgId: org-auth
            addonUpgradeTests:
              - {"{"} addon: acm, instance: ci-bad, name: api-e2e {"}"}
              - {"{"} addon: acm, instance: ci, name: auth-other {"}"}
          - name: e2e-faults
            ocm: sim
            orgId: org-faults
            addonUpgradeTests:
              - {"{"} addon: acm, instance: ci, name: sweep {"}"}
              - {"{"} addon: acm, instance: ci, name: sweep plain {"}"}
          - {"{"} name: e2e-crash, ocm: sim, orgId: org-crash, addonUpgradeTests: [ {"{"} addon: acm, instance: ci, name: crashy {"}"} ] {"}"}
        polling: {"{"} interval: 1m, rolloutInterval: 1m {"}"}
        """;
}

/// <summary>Throws once at a chosen delivery point for a chosen job, standing in for a process crash.</summary>
public sealed class CrashProbe : IDeliveryProbe
{
    private readonly ConcurrentDictionary<string, DeliveryPoint> _armed = new();

    public void ArmOnce(string triggerId, DeliveryPoint point) => _armed[triggerId] = point;

    public void Reached(DeliveryPoint point, string triggerId)
    {
        if (_armed.TryGetValue(triggerId, out var armed) && armed == point && _armed.TryRemove(triggerId, out _))
        {
            throw new InvalidOperationException($"simulated crash at {point}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<EndToEndFixture>
{
    public const string Name = nameof(EndToEndGroup);
}
