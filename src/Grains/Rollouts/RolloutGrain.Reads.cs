using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>What the CLI and the status page read from one organization × add-on: status and clusters (history: <c>RolloutGrain.History.cs</c>).</summary>
internal sealed partial class RolloutGrain
{
    public Task<RolloutStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(BuildStatus());

    public Task<ImmutableArray<ClusterStatus>> GetClustersAsync(CancellationToken cancellationToken = default)
    {
        var (_, addon) = RolloutKey.Parse(Key);
        var rows = _fleet is null ? [] : _fleet.Clusters.Select(c =>
        {
            var installation = c.Listed ? c.Installations.FirstOrDefault(i => i.AddonId == addon) : null;
            var inScope = c.Listed && c.State == RolloutDecider.ClusterReady;
            return new ClusterStatus(c.ClusterId, c.Name, c.State, installation?.State, installation?.Version, inScope, c.ObservedAt)
            {
                DesiredVersion = installation?.DesiredVersion,
                HeldBy = installation is null ? null : AddonStanding.HoldingCondition(installation)?.ToString(),
            };
        }).ToImmutableArray();
        return Task.FromResult(rows);
    }

    private RolloutStatus BuildStatus()
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        var organization = Organization();
        var s = state.State;
        var a = _assessment;
        var period = _rolloutTimer is null ? Settings.Polling.Interval : Settings.Polling.RolloutInterval;
        return new RolloutStatus(organization?.Name ?? orgName, organization?.OrgId ?? "", addon,
            s.Pause is not null ? RolloutPhase.Paused : a?.Phase ?? s.LastPhase, s.LastKnownVersion, a?.TargetVersion ?? s.TargetVersion,
            a?.ClustersTotal ?? 0, a?.ClustersApplicable ?? 0, a?.ClustersOnTarget ?? 0, a?.Excluded.Length ?? 0,
            a?.Stragglers ?? [], s.RolloutStartedAt, _lastCheckAt, _lastCheckAt + period, a?.Error ?? s.LastError,
            a?.Excluded ?? [], a?.SoakUntil, s.ConvergenceEvents) {
                ConfigHash = settingsSource.Hash,
                Pause = s.Pause,
                HeldTriggers = s.Pause is null ? 0 : s.Triggers.Count(t => !t.Submitted),
            };
    }
}
