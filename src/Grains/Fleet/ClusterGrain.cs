using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Grains.Placement;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Grains.Fleet;

/// <summary>
/// One managed cluster: lists its add-on installations when its organization asks (from the add-on service or
/// clusters_mgmt) and reads the add-on service's status of the subscribed add-ons it was told to, and keeps the
/// latest observation in memory (it is cheap to fetch again, so it is not persisted; a move to its organization's
/// home silo takes it along).
/// </summary>
[OrganizationPlacement]
internal sealed partial class ClusterGrain(IOcmClientFactory ocm, OrganizationHomes homes, [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<ClusterGrain> logger) : Grain, IClusterGrain, IGrainMigrationParticipant
{
    private const string LatestKey = "latest";
    private ClusterObservation? _latest;
    private (string Organization, string Ocm, string ClusterId)? _key;

    public async Task<ClusterObservation> ObserveAsync(string name, string state, AddonRead read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        // Parsed once per activation, not once per observation.
        _key ??= ClusterKey.Parse(this.GetPrimaryKeyString());
        var (organization, ocmName, clusterId) = _key.Value;
        var client = ocm.Create(ocmName);
        IReadOnlyList<OcmAddonInstallation> installations;
        try
        {
            installations = read.Api == AddonsApi.ClustersMgmt
                ? await client.ListAddonInstallationsAsync(clusterId, cancellationToken)
                : await client.ListAddonServiceInstallationsAsync(clusterId, cancellationToken);
        }
        catch (OcmException ex)
        {
            LogListingFailed(logger, clusterId, ex.Message);
            throw new UpstreamException($"listing add-ons of cluster {name} ({clusterId}) failed: {ex.Message}");
        }

        var statuses = read.StatusOf.IsDefaultOrEmpty ? null : await ReadStatusesAsync(client, name, clusterId, installations, read.StatusOf, cancellationToken);
        _latest = new ClusterObservation(clusterId, name, state,
            ToAddons(installations, statuses, _latest?.Installations ?? default), clock.GetUtcNow());
        if (homes.IsAway(GrainContext, organization))
        {
            MigrateOnIdle();
        }
        return _latest;
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_latest is not null)
        {
            dehydrationContext.TryAddValue(LatestKey, _latest);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext) =>
        _latest = rehydrationContext.TryGetValue(LatestKey, out ClusterObservation? latest) ? latest : null;

    /// <summary>
    /// The status of each subscribed add-on whose installation could count toward its version (ready, and no other
    /// desired version): conditions only decide for those, so the others are not read. At most one read per add-on.
    /// </summary>
    private async Task<OcmAddonStatus?[]> ReadStatusesAsync(IOcmClient client, string name, string clusterId,
        IReadOnlyList<OcmAddonInstallation> installations, ImmutableArray<string> subscribed, CancellationToken cancellationToken)
    {
        var statuses = new OcmAddonStatus?[installations.Count];
        for (var i = 0; i < installations.Count; i++)
        {
            var installation = installations[i];
            if (!subscribed.Contains(installation.AddonId, StringComparer.Ordinal)
                || !string.Equals(installation.State, Decision.RolloutDecider.AddonReady, StringComparison.Ordinal)
                || (installation.DesiredVersion is { } desired && !string.Equals(desired, installation.Version, StringComparison.Ordinal)))
            {
                continue;
            }

            try
            {
                statuses[i] = await client.GetAddonStatusAsync(clusterId, installation.AddonId, cancellationToken);
            }
            catch (OcmException ex)
            {
                LogListingFailed(logger, clusterId, ex.Message);
                throw new UpstreamException($"reading the status of add-on {installation.AddonId} on cluster {name} ({clusterId}) failed: {ex.Message}");
            }
        }
        return statuses;
    }

    /// <summary>
    /// The add-ons as the grain interface carries them. When they are what the previous observation saw (one check
    /// after another, nearly always), its array is reused: an unchanged cluster allocates none.
    /// </summary>
    private static ImmutableArray<AddonInstallation> ToAddons(
        IReadOnlyList<OcmAddonInstallation> installations, OcmAddonStatus?[]? statuses, ImmutableArray<AddonInstallation> previous)
    {
        if (Unchanged(installations, statuses, previous))
        {
            return previous;
        }
        var addons = new AddonInstallation[installations.Count];
        for (var i = 0; i < addons.Length; i++)
        {
            var installation = installations[i];
            addons[i] = new AddonInstallation(installation.AddonId, installation.Version, installation.State)
            {
                DesiredVersion = installation.DesiredVersion,
                Conditions = statuses?[i] is { } status ? [.. status.Conditions.Select(c => new AddonCondition(c.Type, c.Value, c.Reason))] : default,
            };
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(addons);
    }

    private static bool Unchanged(IReadOnlyList<OcmAddonInstallation> installations, OcmAddonStatus?[]? statuses, ImmutableArray<AddonInstallation> previous)
    {
        if (previous.IsDefault || previous.Length != installations.Count)
        {
            return false;
        }
        for (var i = 0; i < previous.Length; i++)
        {
            var (before, now) = (previous[i], installations[i]);
            if (!string.Equals(before.AddonId, now.AddonId, StringComparison.Ordinal)
                || !string.Equals(before.Version, now.Version, StringComparison.Ordinal)
                || !string.Equals(before.State, now.State, StringComparison.Ordinal)
                || !string.Equals(before.DesiredVersion, now.DesiredVersion, StringComparison.Ordinal)
                || !SameConditions(before.Conditions, statuses?[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameConditions(ImmutableArray<AddonCondition> before, OcmAddonStatus? now)
    {
        if (before.IsDefault || now is null)
        {
            return before.IsDefault && now is null;
        }
        if (before.Length != now.Conditions.Count)
        {
            return false;
        }
        for (var i = 0; i < before.Length; i++)
        {
            var (b, n) = (before[i], now.Conditions[i]);
            if (!string.Equals(b.Type, n.Type, StringComparison.Ordinal) || !string.Equals(b.Value, n.Value, StringComparison.Ordinal)
                || !string.Equals(b.Reason, n.Reason, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public Task<ClusterObservation?> GetLatestAsync(CancellationToken cancellationToken = default) => Task.FromResult(_latest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the add-ons of cluster {ClusterId} failed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string clusterId, string reason);
}
