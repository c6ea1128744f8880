using AddonGrains.Simulators.Jenkins;
using AddonGrains.Simulators.Ocm;
using AddonGrains.Simulators.World;

namespace AddonGrains.Silo.Demo;

/// <summary>
/// <c>--demo</c>: the OCM and Jenkins simulators on loopback, a configuration pointing at them, and a scripted
/// rollout (<see cref="DemoScript"/>). Nothing to set up; secrets are demo values held in memory.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    public const string Organization = "demo-org";
    public const string OrgId = "demo-org-1";
    public const string Addon = "acm";
    public const string Job = "acm/addon-e2e";
    public static readonly string[] Clusters = ["hub-east-1", "hub-east-2", "hub-west-1", "hub-west-2", "hub-eu-1"];

    /// <summary>OCM-style opaque cluster ids, one per name in <see cref="Clusters"/>.</summary>
    public static readonly string[] ClusterIds = [.. Clusters.Select((_, i) => $"2a7c0demo{i:D4}00000000000000000000")];

    private DemoEnvironment(SimulatedWorld world, AddonGrainsSettings settings)
    {
        World = world;
        Settings = settings;
    }

    public SimulatedWorld World { get; }

    public OcmSimulator Ocm => World.Ocm;

    public AddonGrainsSettings Settings { get; }

    public static async Task<DemoEnvironment> StartAsync()
    {
        var world = await SimulatedWorld.Build()
            .Names("demo-ocm", "demo-jenkins")
            .JenkinsCredentials("demo-bot", "11demo0000000000000000000000000000")
            .SecretEnvironmentPrefix("DEMO")
            .QuietPeriod(TimeSpan.FromSeconds(1))
            .Job(new JenkinsSimJob(Job)
            {
                Parameters = new Dictionary<string, string> { ["ADDON_VERSION"] = "", ["PREVIOUS_ADDON_VERSION"] = "", ["TRIGGER_ID"] = "", ["ENV"] = "demo" },
                BuildDuration = TimeSpan.FromSeconds(4),
            })
            .Organization(Organization, OrgId, org =>
            {
                org.Test(Addon, Job, new Dictionary<string, string> { ["ENV"] = "demo" });
                foreach (var (cluster, id) in Clusters.Zip(ClusterIds))
                {
                    org.Cluster(id, cluster, product: "rosa");
                }
            })
            .Polling("5s", "2s", ocmConcurrency: 4)
            .StartAsync();
        return new DemoEnvironment(world, new SettingsLoader(world.Secret).Load(world.Yaml, "demo configuration"));
    }

    public void AddScript(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddHostedService<DemoScript>();
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
