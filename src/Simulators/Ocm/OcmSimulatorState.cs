namespace AddonGrains.Simulators.Ocm;

/// <summary>Clusters, installations and catalog entries, guarded by one lock; readers get snapshots.</summary>
internal sealed class OcmSimulatorState(TimeProvider timeProvider)
{
    /// <summary>clusters_mgmt AddOnInstallationState: exactly these five (no upgrading/deleted; those are addons_mgmt).</summary>
    public static readonly IReadOnlySet<string> InstallationStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "pending", "installing", "ready", "failed", "deleting",
    };

    /// <summary>
    /// How an add-on service state shows on clusters_mgmt, which knows only its five (an upgrade there is
    /// <c>installing</c>); null: not listed there. States outside both lists are served as they are on both.
    /// </summary>
    public static string? ClustersMgmtState(string state) => state switch
    {
        "upgrading" => "installing",
        "delete-pending" => "deleting",
        "delete-failed" => "failed",
        "undefined" => "pending",
        "deleted" => null,
        _ => state,
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

    /// <summary>Sets an installation (any state: the add-on service's ten, or text neither API lists); its desired version becomes <paramref name="desiredVersion"/>.</summary>
    public void SetInstallation(string clusterId, string addonId, string version, string state, string? stateDescription, string? desiredVersion = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addonId);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        Change(clusterId, addonId, old => new InstallationSnapshot(addonId, version, state, stateDescription, old?.Created ?? timeProvider.GetUtcNow(), timeProvider.GetUtcNow())
        {
            DesiredVersion = desiredVersion ?? version,
        });
    }

    /// <summary>Changes an existing installation (a <see cref="KeyNotFoundException"/> when there is none).</summary>
    public void Update(string clusterId, string addonId, Func<InstallationSnapshot, InstallationSnapshot> change) =>
        Change(clusterId, addonId, old => change(old ?? throw new KeyNotFoundException($"Cluster '{clusterId}' has no add-on '{addonId}'.")) with
        {
            Updated = timeProvider.GetUtcNow(),
        });

    private void Change(string clusterId, string addonId, Func<InstallationSnapshot?, InstallationSnapshot> change)
    {
        lock (_lock)
        {
            var entry = Get(clusterId);
            entry.Installations[addonId] = change(entry.Installations.GetValueOrDefault(addonId));
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

    /// <summary>
    /// The installations of a cluster, or null when the cluster does not exist. A listing (of either API) counts
    /// down the upgrades that end after a number of listings (<see cref="InstallationSnapshot.ListingsUntilReady"/>):
    /// such an upgrade is seen <c>upgrading</c> that many times, then ready on its desired version.
    /// </summary>
    public List<InstallationSnapshot>? Installations(string clusterId)
    {
        lock (_lock)
        {
            if (!_clusters.TryGetValue(clusterId, out var entry))
            {
                return null;
            }
            List<InstallationSnapshot> result = [.. entry.Installations.Values];
            foreach (var i in result)
            {
                if (i.ListingsUntilReady is { } left)
                {
                    entry.Installations[i.AddonId] = left > 1
                        ? i with { ListingsUntilReady = left - 1 }
                        : i with { Version = i.DesiredVersion ?? i.Version, State = "ready", StateDescription = null, ListingsUntilReady = null, Conditions = null, Updated = timeProvider.GetUtcNow() };
                }
            }
            return result;
        }
    }

    /// <summary>One installation, or null when the cluster or the add-on is unknown.</summary>
    public InstallationSnapshot? Installation(string clusterId, string addonId)
    {
        lock (_lock)
        {
            return _clusters.TryGetValue(clusterId, out var entry) ? entry.Installations.GetValueOrDefault(addonId) : null;
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
        string AddonId, string Version, string State, string? StateDescription, DateTimeOffset Created, DateTimeOffset Updated)
    {
        /// <summary>The add-on service's <c>desired_version</c> (null: left out).</summary>
        public string? DesiredVersion { get; init; }

        /// <summary>The status conditions; null: derived from <see cref="State"/> (<see cref="SimulatedAddonCondition.For"/>).</summary>
        public IReadOnlyList<SimulatedAddonCondition>? Conditions { get; init; }

        /// <summary>While <c>upgrading</c>: the listings left before it is ready on <see cref="DesiredVersion"/>; null: until told.</summary>
        public int? ListingsUntilReady { get; init; }
    }

    internal sealed record CatalogEntry(string Id, string Name, string? DefaultVersion);

    private sealed class ClusterEntry(SimulatedCluster cluster, DateTimeOffset created)
    {
        public SimulatedCluster Cluster { get; set; } = cluster;

        public DateTimeOffset Created { get; } = created;

        public Dictionary<string, InstallationSnapshot> Installations { get; } = new(StringComparer.Ordinal);
    }
}
