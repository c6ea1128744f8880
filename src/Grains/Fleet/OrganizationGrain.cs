using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Grains.Configuration;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Grains.Fleet;

/// <summary>
/// One organization: one cluster listing, then one add-on listing per in-scope cluster (through its cluster
/// grain), at most <c>polling.ocmConcurrency</c> at a time. The observation is shared by every add-on of the
/// organization for as long as the caller's <c>maxAge</c> allows. Any failure makes the whole observation failed:
/// never partial data.
/// </summary>
internal sealed partial class OrganizationGrain(
    SettingsSource settingsSource,
    IOcmClientFactory ocm,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain
{
    // Read at each use: a reloaded configuration counts from the next check on.
    private AddonGrainsSettings Settings => settingsSource.Current;

    private FleetObservation? _latest;

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

        using var gate = new SemaphoreSlim(Settings.Polling.OcmConcurrency);
        var observations = await Task.WhenAll(clusters.Select(c => ObserveClusterAsync(organization, c, gate, cancellationToken)));
        var failure = observations.FirstOrDefault(o => o.Error is not null);
        if (failure.Error is { } error)
        {
            var failed = observations.Count(o => o.Error is not null);
            LogObservationFailed(logger, organization.Name, error);
            return FleetObservation.Failed(failed == 1 ? error : $"{error} (and {failed - 1} more clusters failed)", clock.GetUtcNow());
        }

        return new FleetObservation([.. observations.Select(o => o.Observation!)], clock.GetUtcNow(), null);
    }

    private async Task<(ClusterObservation? Observation, string? Error)> ObserveClusterAsync(
        OrganizationSettings organization, OcmCluster cluster, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (!string.Equals(cluster.State, Decision.RolloutDecider.ClusterReady, StringComparison.Ordinal))
        {
            // Out of scope: its add-ons are not listed (contract §4.2).
            return (new ClusterObservation(cluster.Id, cluster.Name, cluster.State, default, clock.GetUtcNow()), null);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var grain = GrainFactory.GetGrain<IClusterGrain>(ClusterKey.For(organization.Ocm, cluster.Id));
            return (await grain.ObserveAsync(cluster.Name, cluster.State, cancellationToken), null);
        }
        catch (UpstreamException ex)
        {
            return (null, ex.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observing organization {Organization} failed: {Reason}")]
    private static partial void LogObservationFailed(ILogger logger, string organization, string reason);
}
