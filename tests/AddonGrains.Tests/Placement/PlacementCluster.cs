using AddonGrains.Grains.Fleet;
using AddonGrains.Grains.Placement;
using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.World;
using AddonGrains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AddonGrains.Tests.Placement;

/// <summary>
/// Several in-process silos with the production grains, placement and OCM and Jenkins clients against both
/// simulators over loopback HTTP: <see cref="Organizations"/> organizations of <see cref="ClustersPerOrganization"/>
/// clusters each, all on acm 1.0.0, every organization subscribing the job <see cref="Job"/>, on one OCM budget of
/// <see cref="OcmBudget"/>.
/// </summary>
internal sealed class PlacementCluster : IAsyncDisposable
{
    public const int Organizations = 6;
    public const int ClustersPerOrganization = 4;
    public const string Job = "placement";

    /// <summary>The cluster's OCM budget: below what the organizations would send at once (6 × 4 clusters).</summary>
    public const int OcmBudget = 4;
    private const string Addon = "acm";

    private PlacementCluster(SimulatedWorld world, InProcessTestCluster cluster)
    {
        World = world;
        Cluster = cluster;
    }

    public SimulatedWorld World { get; }

    public InProcessTestCluster Cluster { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    public static IEnumerable<string> Names => Enumerable.Range(1, Organizations).Select(o => $"place-{o}");

    public static async Task<PlacementCluster> StartAsync(int silos)
    {
        var builder = SimulatedWorld.Build()
            .OcmBudget(OcmBudget)
            .Job(new JenkinsSimJob(Job) { Parameters = new Dictionary<string, string> { ["TRIGGER_ID"] = "" } });
        foreach (var name in Names)
        {
            builder.Organization(name, OrgId(name), o =>
            {
                o.Test(Addon, Job);
                foreach (var cluster in Clusters(name))
                {
                    o.Cluster(cluster, addon: Addon, version: "1.0.0");
                }
            });
        }
        var world = await builder.StartAsync();
        var settings = world.Settings();
        var cluster = new InProcessTestClusterBuilder((short)silos);
        cluster.ConfigureSilo((_, silo) =>
        {
            silo.AddTestAddonGrains(settings, new StorageCounter());
            silo.AddFastUpstreamClients();
        });
        var built = cluster.Build();
        await built.DeployAsync();
        return new PlacementCluster(world, built);
    }

    public static string OrgId(string name) => $"org-{name}";

    public static string[] Clusters(string name) => [.. Enumerable.Range(1, ClustersPerOrganization).Select(c => $"{name}-c{c}")];

    public IRolloutGrain Rollout(string name) => Cluster.Client.GetGrain<IRolloutGrain>(RolloutKey.For(name, Addon));

    /// <summary>Checks every rollout at once.</summary>
    public Task<RolloutStatus[]> CheckAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Names.Select(n => Rollout(n).CheckAsync(cancellationToken)));

    /// <summary>The silos on which the rollout, the organization grain and each cluster grain of <paramref name="name"/> are active.</summary>
    public IReadOnlyList<SiloAddress> WhereIs(string name)
    {
        var grains = new List<GrainId>
        {
            Rollout(name).GetGrainId(),
            Cluster.Client.GetGrain<IOrganizationGrain>(name).GetGrainId(),
        };
        grains.AddRange(Clusters(name).Select(c => ClusterGrain(name, c).GetGrainId()));
        return [.. grains.SelectMany(g => Silos.Where(s => Checker(s).IsLocallyActivated(g)).Select(s => s.SiloAddress))];
    }

    public IClusterGrain ClusterGrain(string name, string cluster) => Cluster.Client.GetGrain<IClusterGrain>(ClusterKey.For(name, "sim", cluster));

    /// <summary>The silo every grain of <paramref name="name"/> is on, or null while they are on several (or not active).</summary>
    public SiloAddress? HomeOf(string name) =>
        WhereIs(name) is { Count: 2 + ClustersPerOrganization } where && where.Distinct().Count() == 1 ? where[0] : null;

    /// <summary>Cross-silo grain calls counted by every silo so far.</summary>
    public long CrossSiloCalls() => Silos.Sum(s => s.ServiceProvider.GetServices<IIncomingGrainCallFilter>().OfType<CrossSiloCalls>().Single().Total);

    public string Describe() => string.Join("; ", Names.Select(n => $"{n}: [{string.Join(", ", WhereIs(n))}]"));

    public void Upgrade(IEnumerable<string> clusters) => World.SetVersion(Addon, "1.1.0", clusters);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
    }

    private static ILocalActivationStatusChecker Checker(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ILocalActivationStatusChecker>();
}
