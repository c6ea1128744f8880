using System.Collections.Concurrent;
using AddonGrains.Grains.Triggers;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AddonGrains.Tests.EndToEnd;

/// <summary>
/// The real OCM and Jenkins clients against both simulators over loopback HTTP, in one in-process silo with memory
/// storage. Delivery and retries are fast; everything else is production code. Each scenario has its own
/// organization and job.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string JenkinsUser = "bot";
    public const string JenkinsToken = "11e2e0token0secret0value0abcdef0123";
    private static readonly Dictionary<string, string> TriggerIdOnly = new() { ["TRIGGER_ID"] = "" };

    public SimulatedWorld World { get; private set; } = null!;

    public OcmSimulator Ocm => World.Ocm;

    public JenkinsSimulator Jenkins => World.Jenkins;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public CrashProbe Probe { get; } = new();

    public StorageCounter Storage { get; } = new();

    /// <summary>Fails chosen writes of the grain storage (every grain's state goes through it).</summary>
    public StorageFaults StorageFaults { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        World = await DescribeWorld().StartAsync();
        var settings = World.Settings();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTestAddonGrains(settings, Storage, StorageFaults);
            silo.AddFastUpstreamClients();
            silo.Services.AddSingleton<IDeliveryProbe>(Probe);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
    }

    /// <summary>Puts <paramref name="clusters"/> of <paramref name="orgId"/> on <paramref name="version"/> of acm.</summary>
    public void Fleet(string orgId, string version, params string[] clusters) => World.Fleet(orgId, "acm", version, clusters);

    private static SimulatedWorldBuilder DescribeWorld() => SimulatedWorld.Build()
        .JenkinsCredentials(JenkinsUser, JenkinsToken)
        .JenkinsInstance("ci-bad", "11wrong0token0000000000000000000000")
        .Job(new JenkinsSimJob("api-e2e")
        {
            Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["UPGRADE_DIRECTION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "none" },
        })
        .Job(new JenkinsSimJob("qe/plain job"))
        .Job(new JenkinsSimJob("failing") { Parameters = TriggerIdOnly, Result = "FAILURE" })
        .Job(new JenkinsSimJob("disabled") { Disabled = true })
        .Job(new JenkinsSimJob("outage") { Parameters = TriggerIdOnly })
        .Job(new JenkinsSimJob("auth-other"))
        .Job(new JenkinsSimJob("chaos") { Parameters = TriggerIdOnly })
        .Job(new JenkinsSimJob("sweep") { Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["UPGRADE_DIRECTION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "none" } })
        .Job(new JenkinsSimJob("sweep plain"))
        .Job(new JenkinsSimJob("crashy") { Parameters = TriggerIdOnly, BuildDuration = TimeSpan.FromSeconds(1) })
        .Job(new JenkinsSimJob("status-fault") { Parameters = TriggerIdOnly })
        .Job(new JenkinsSimJob("desired") { Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["TRIGGER_ID"] = "" } })
        .Job(new JenkinsSimJob("stuck") { Parameters = TriggerIdOnly })
        .Job(new JenkinsSimJob("unsucceeded") { Parameters = TriggerIdOnly })
        .Organization("e2e-ok", "org-ok", o => o
            .Test("acm", "api-e2e", new Dictionary<string, string> { ["ENV"] = "integration", ["UNDECLARED"] = "x" })
            .Test("acm", "qe/plain job"))
        .Organization("e2e-fail", "org-fail", o => o.Test("acm", "failing"))
        .Organization("e2e-broken", "org-broken", o => o.Test("acm", "missing").Test("acm", "disabled").Test("acm", "api-e2e"))
        .Organization("e2e-outage", "org-outage", o => o.Test("acm", "outage"))
        .Organization("e2e-ocm-chaos", "org-ocm-chaos", o => o.Test("acm", "chaos"))
        .Organization("e2e-auth", "org-auth", o => o.Test("acm", "api-e2e", instance: "ci-bad").Test("acm", "auth-other"))
        .Organization("e2e-faults", "org-faults", o => o.Test("acm", "sweep").Test("acm", "sweep plain"))
        .Organization("e2e-crash", "org-crash", o => o.Test("acm", "crashy"))
        .Organization("e2e-status-fault", "org-status-fault", o => o.Test("acm", "status-fault"))
        .Organization("e2e-desired", "org-desired", o => o.Test("acm", "desired"))
        .Organization("e2e-stuck", "org-stuck", o => o.Test("acm", "stuck").Policy("{ stallAfter: 1s }"))
        .Organization("e2e-unsucceeded", "org-unsucceeded", o => o.Test("acm", "unsucceeded"));
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
