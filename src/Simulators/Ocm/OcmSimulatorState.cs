namespace AddonGrains.Simulators.Ocm;

/// <summary>Clusters, installations and catalog entries, guarded by one lock; readers get snapshots.</summary>
internal sealed class OcmSimulatorState(TimeProvider timeProvider)
{
    /// <summary>clusters_mgmt AddOnInstallationState: exactly these five (no upgrading/deleted; those are addons_mgmt).</summary>
    public static readonly IReadOnlySet<string> InstallationStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "pending", "installing", "ready", "failed", "deleting",
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClusterEntry> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntry> _catalog = new(StringComparer.Ordinal);

    // Every list page reads all clusters; the snapshots are made once per change, not once per page.
    private List<ClusterSnapshot>? _clusterSnapshots;

    public void AddCluster(SimulatedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.Id);
        lock (_lock)
        {
            _clusterSnapshots = null;
            if (_clusters.TryGetValue(cluster.Id, out var existing))
            {
                existing.Cluster = cluster;
            }
            else
            {
                _clusters.Add(cluster.Id, new ClusterEntry(cluster, timeProvider.GetUtcNow()));
            }
        }
    }

    public bool RemoveCluster(string clusterId)
    {
        lock (_lock)
        {
            _clusterSnapshots = null;
            return _clusters.Remove(clusterId);
        }
    }

    public void SetClusterState(string clusterId, string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        lock (_lock)
        {
            var entry = Get(clusterId);
            entry.Cluster = entry.Cluster with { State = state };
            _clusterSnapshots = null;
        }
    }

    public void SetInstallation(string clusterId, string addonId, string version, string state, string? stateDescription)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addonId);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (!InstallationStates.Contains(state))
        {
            throw new ArgumentException(
                $"'{state}' is not a clusters_mgmt add-on installation state ({string.Join(", ", InstallationStates)}).", nameof(state));
        }
        lock (_lock)
        {
            var entry = Get(clusterId);
            var now = timeProvider.GetUtcNow();
            var created = entry.Installations.TryGetValue(addonId, out var old) ? old.Created : now;
            entry.Installations[addonId] = new InstallationSnapshot(addonId, version, state, stateDescription, created, now);
        }
    }

    public bool RemoveInstallation(string clusterId, string addonId)
    {
        lock (_lock)
        {
            return Get(clusterId).Installations.Remove(addonId);
        }
    }

    public void AddCatalogEntry(string addonId, string name, string? defaultVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addonId);
        lock (_lock)
        {
            _catalog[addonId] = new CatalogEntry(addonId, name, defaultVersion);
        }
    }

    public List<ClusterSnapshot> Clusters()
    {
        lock (_lock)
        {
            _clusterSnapshots ??= [.. _clusters.Values.Select(e => new ClusterSnapshot(e.Cluster, e.Created))];
            return [.. _clusterSnapshots];
        }
    }

    /// <summary>The installations of a cluster, or null when the cluster does not exist.</summary>
    public List<InstallationSnapshot>? Installations(string clusterId)
    {
        lock (_lock)
        {
            return _clusters.TryGetValue(clusterId, out var entry) ? [.. entry.Installations.Values] : null;
        }
    }

    public List<CatalogEntry> Catalog()
    {
        lock (_lock)
        {
            return [.. _catalog.Values];
        }
    }

    private ClusterEntry Get(string clusterId) =>
        _clusters.TryGetValue(clusterId, out var entry)
            ? entry
            : throw new KeyNotFoundException($"The simulator has no cluster '{clusterId}'.");

    internal sealed record ClusterSnapshot(SimulatedCluster Cluster, DateTimeOffset Created);

    internal sealed record InstallationSnapshot(
        string AddonId, string Version, string State, string? StateDescription, DateTimeOffset Created, DateTimeOffset Updated);

    internal sealed record CatalogEntry(string Id, string Name, string? DefaultVersion);

    private sealed class ClusterEntry(SimulatedCluster cluster, DateTimeOffset created)
    {
        public SimulatedCluster Cluster { get; set; } = cluster;

        public DateTimeOffset Created { get; } = created;

        public Dictionary<string, InstallationSnapshot> Installations { get; } = new(StringComparer.Ordinal);
    }
}
