using AddonGrains.Simulators.Ocm;

namespace AddonGrains.Simulators.World;

/// <summary>
/// One organization of a <see cref="SimulatedWorldBuilder"/>: its clusters (with the add-on versions they run, put
/// into the OCM simulator at start), its subscribed Jenkins jobs and an optional policy override (both written into
/// the YAML).
/// </summary>
public sealed class SimulatedOrganization(string name, string orgId)
{
    private readonly List<(SimulatedCluster Cluster, string? Addon, string? Version)> _clusters = [];
    private readonly List<SimulatedTest> _tests = [];

    public string Name { get; } = name;

    public string OrgId { get; } = orgId;

    /// <summary>The organization's policy override, a YAML flow mapping such as <c>{ notReadyClusters: block }</c>.</summary>
    public string? PolicyOverride { get; private set; }

    public IReadOnlyList<SimulatedTest> Tests => _tests;

    internal IEnumerable<(SimulatedCluster Cluster, string? Addon, string? Version)> AllClusters => _clusters;

    /// <summary>Subscribes <paramref name="job"/> of Jenkins <paramref name="instance"/> (default: the world's) to <paramref name="addon"/>.</summary>
    public SimulatedOrganization Test(string addon, string job, IReadOnlyDictionary<string, string>? parameters = null, string? instance = null)
    {
        _tests.Add(new SimulatedTest(addon, job, instance, parameters));
        return this;
    }

    /// <summary>A cluster of this organization; with <paramref name="addon"/>, it runs <paramref name="version"/> (ready).</summary>
    public SimulatedOrganization Cluster(string id, string? name = null, string? addon = null, string? version = null, string product = "osd")
    {
        _clusters.Add((new SimulatedCluster(id, name ?? $"name-{id}", OrgId, ProductId: product), addon, version));
        return this;
    }

    /// <summary>Clusters <paramref name="ids"/>, each running <paramref name="addon"/> <paramref name="version"/>.</summary>
    public SimulatedOrganization Clusters(string addon, string version, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Cluster(id, addon: addon, version: version);
        }

        return this;
    }

    public SimulatedOrganization Policy(string flowMapping)
    {
        PolicyOverride = flowMapping;
        return this;
    }
}

/// <summary>One <c>addonUpgradeTests</c> entry; <see cref="Instance"/> null means the world's Jenkins instance.</summary>
public sealed record SimulatedTest(string Addon, string Job, string? Instance, IReadOnlyDictionary<string, string>? Parameters);
