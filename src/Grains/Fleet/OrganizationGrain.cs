using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Grains.Placement;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Grains.Fleet;

/// <summary>
/// One organization: one cluster listing, then one add-on listing per in-scope cluster (through its cluster
/// grain; with <c>addonStatus</c>, also at most one status read per subscribed add-on), at most
/// <c>polling.ocmConcurrency</c> at a time. The observation is shared by every add-on of the
/// organization for as long as the caller's <c>maxAge</c> allows. Any failure makes the whole observation failed:
/// never partial data. Lives on its organization's home silo, with its cluster grains (docs/decisions.md).
/// </summary>
[OrganizationPlacement]
internal sealed partial class OrganizationGrain(
    SettingsSource settingsSource,
    IOcmClientFactory ocm,
    OrganizationHomes homes,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain
{
    // Read at each use: a reloaded configuration counts from the next check on.
    private AddonGrainsSettings Settings => settingsSource.Current;

    private FleetObservation? _latest;

    // The cluster grains of the last observation: GetGrain resolves the interface type by name on every call, which
    // costs more than the rest of the grain call; a reference is kept while its cluster is in the fleet.
    private Dictionary<(string Ocm, string ClusterId), IClusterGrain> _clusterGrains = [];

    public async Task<FleetObservation> ObserveAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_latest is { Error: null } cached && maxAge > TimeSpan.Zero && now - cached.ObservedAt <= maxAge)
        {
            return cached;
        }

        var organization = Settings.FindOrganization(this.GetPrimaryKeyString());
        if (organization is null)
        {
            return FleetObservation.Failed($"organization '{this.GetPrimaryKeyString()}' is not in the configuration", now);
        }

        _latest = await ObserveNowAsync(organization, cancellationToken);
        if (homes.IsAway(GrainContext, organization.Name))
        {
            MigrateOnIdle();
        }
        return _latest;
    }

    private async Task<FleetObservation> ObserveNowAsync(OrganizationSettings organization, CancellationToken cancellationToken)
    {
        IReadOnlyList<OcmCluster> clusters;
        try
        {
            clusters = await ocm.Create(organization.Ocm).ListClustersAsync(organization.OrgId, organization.ProductIds, cancellationToken);
        }
        catch (OcmException ex)
        {
            LogObservationFailed(logger, organization.Name, ex.Message);
            return FleetObservation.Failed($"listing the clusters of organization {organization.OrgId} failed: {ex.Message}", clock.GetUtcNow());
        }

        var environment = Settings.OcmFor(organization);
        var read = environment.AddonsApi == AddonsApi.ClustersMgmt
            ? AddonRead.ClustersMgmt
            : new AddonRead(AddonsApi.AddonsMgmt, environment.AddonStatus ? organization.Addons : []);

        // polling.ocmConcurrency workers take the clusters in turn (grain turns never overlap, so a plain index
        // is safe): no task or semaphore waiter per cluster, which a fleet of thousands would allocate each check.
        var observations = new ClusterObservation[clusters.Count];
        var grains = new Dictionary<(string Ocm, string ClusterId), IClusterGrain>(clusters.Count);
        var errors = new List<(int Index, string Message)>();
        var next = 0;
        var workers = new Task[Math.Min(Settings.Polling.OcmConcurrency, clusters.Count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = ObserveInTurnAsync();
        }
        await Task.WhenAll(workers);
        _clusterGrains = grains;
        if (errors.Count > 0)
        {
            // The first failed cluster in OCM's order names the failure, whichever failed first in time.
            var error = errors.MinBy(e => e.Index).Message;
            LogObservationFailed(logger, organization.Name, error);
            return FleetObservation.Failed(errors.Count == 1 ? error : $"{error} (and {errors.Count - 1} more clusters failed)", clock.GetUtcNow());
        }

        return new FleetObservation(ImmutableCollectionsMarshal.AsImmutableArray(observations), clock.GetUtcNow(), null);

        async Task ObserveInTurnAsync()
        {
            while (next < clusters.Count)
            {
                var index = next++;
                var cluster = clusters[index];
                if (!string.Equals(cluster.State, Decision.RolloutDecider.ClusterReady, StringComparison.Ordinal))
                {
                    // Out of scope: its add-ons are not listed (docs/decisions.md).
                    observations[index] = new ClusterObservation(cluster.Id, cluster.Name, cluster.State, default, clock.GetUtcNow());
                    continue;
                }

                try
                {
                    var key = (organization.Ocm, cluster.Id);
                    if (!_clusterGrains.TryGetValue(key, out var grain))
                    {
                        grain = GrainFactory.GetGrain<IClusterGrain>(ClusterKey.For(organization.Name, organization.Ocm, cluster.Id));
                    }
                    grains[key] = grain;
                    observations[index] = await grain.ObserveAsync(cluster.Name, cluster.State, read, cancellationToken);
                }
                catch (UpstreamException ex)
                {
                    errors.Add((index, ex.Message));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observing organization {Organization} failed: {Reason}")]
    private static partial void LogObservationFailed(ILogger logger, string organization, string reason);
}
