using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using AddonGrains.Upstream.Ocm;

namespace AddonGrains.Grains.Fleet;

/// <summary>
/// One managed cluster: lists its add-on installations when its organization asks and keeps the latest
/// observation in memory (it is cheap to fetch again, so it is not persisted).
/// </summary>
internal sealed partial class ClusterGrain(IOcmClientFactory ocm, [FromKeyedServices(Clock.Key)] TimeProvider clock, ILogger<ClusterGrain> logger) : Grain, IClusterGrain
{
    private ClusterObservation? _latest;
    private (string Ocm, string ClusterId)? _key;

    public async Task<ClusterObservation> ObserveAsync(string name, string state, CancellationToken cancellationToken = default)
    {
        // Parsed once per activation, not once per observation.
        _key ??= ClusterKey.Parse(this.GetPrimaryKeyString());
        var (ocmName, clusterId) = _key.Value;
        IReadOnlyList<OcmAddonInstallation> installations;
        try
        {
            installations = await ocm.Create(ocmName).ListAddonInstallationsAsync(clusterId, cancellationToken);
        }
        catch (OcmException ex)
        {
            LogListingFailed(logger, clusterId, ex.Message);
            throw new UpstreamException($"listing add-ons of cluster {name} ({clusterId}) failed: {ex.Message}");
        }

        _latest = new ClusterObservation(clusterId, name, state,
            ToAddons(installations, _latest?.Installations ?? default), clock.GetUtcNow());
        return _latest;
    }

    /// <summary>
    /// The add-ons as the grain interface carries them. When they are what the previous observation saw (one check
    /// after another, nearly always), its array is reused: an unchanged cluster allocates none (issue 20).
    /// </summary>
    private static ImmutableArray<AddonInstallation> ToAddons(IReadOnlyList<OcmAddonInstallation> installations, ImmutableArray<AddonInstallation> previous)
    {
        if (Unchanged(installations, previous))
        {
            return previous;
        }
        var addons = new AddonInstallation[installations.Count];
        for (var i = 0; i < addons.Length; i++)
        {
            var installation = installations[i];
            addons[i] = new AddonInstallation(installation.AddonId, installation.Version, installation.State);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(addons);
    }

    private static bool Unchanged(IReadOnlyList<OcmAddonInstallation> installations, ImmutableArray<AddonInstallation> previous)
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
                || !string.Equals(before.State, now.State, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public Task<ClusterObservation?> GetLatestAsync(CancellationToken cancellationToken = default) => Task.FromResult(_latest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the add-ons of cluster {ClusterId} failed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string clusterId, string reason);
}
