using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// What the CLI and the status page read from one organization × add-on (docs/cli.md, <c>status</c> and <c>clusters</c>),
/// pure: from the durable state, the last check's assessment and fleet observation (in memory, empty after a restart
/// until the next check) and the configuration.
/// </summary>
internal static class RolloutReads
{
    /// <summary>
    /// The rollout's status: the last check's figures, or the persisted phase, target and error until one ran;
    /// <c>Paused</c> while paused. <paramref name="period"/> is the polling period now (for the next check's time).
    /// </summary>
    public static RolloutStatus Status(string key, OrganizationSettings? organization, RolloutState s, RolloutAssessment? a,
        DateTimeOffset? lastCheckAt, TimeSpan period, string? configHash)
    {
        var (orgName, addon) = RolloutKey.Parse(key);
        return new RolloutStatus(organization?.Name ?? orgName, organization?.OrgId ?? "", addon,
            s.Pause is not null ? RolloutPhase.Paused : a?.Phase ?? s.LastPhase, s.LastKnownVersion, a?.TargetVersion ?? s.TargetVersion,
            a?.ClustersTotal ?? 0, a?.ClustersApplicable ?? 0, a?.ClustersOnTarget ?? 0, a?.Excluded.Length ?? 0,
            a?.Stragglers ?? [], s.RolloutStartedAt, lastCheckAt, lastCheckAt + period, a?.Error ?? s.LastError,
            a?.Excluded ?? [], a?.SoakUntil, s.ConvergenceEvents)
        {
            ConfigHash = configHash,
            Pause = s.Pause,
            HeldTriggers = s.Pause is null ? 0 : OperatorActions.Held(s),
        };
    }

    /// <summary>Each cluster of the last observation with <paramref name="addon"/>'s installation on it, if any.</summary>
    public static ImmutableArray<ClusterStatus> Clusters(FleetObservation? fleet, string addon) => fleet is null ? [] :
    [
        .. fleet.Clusters.Select(c =>
        {
            var installation = c.Listed ? c.Installations.FirstOrDefault(i => i.AddonId == addon) : null;
            var inScope = c.Listed && c.State == RolloutDecider.ClusterReady;
            return new ClusterStatus(c.ClusterId, c.Name, c.State, installation?.State, installation?.Version, inScope, c.ObservedAt)
            {
                DesiredVersion = installation?.DesiredVersion,
                HeldBy = installation is null ? null : AddonStanding.HoldingCondition(installation)?.ToString(),
            };
        }),
    ];
}
