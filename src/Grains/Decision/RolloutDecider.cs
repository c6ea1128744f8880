
namespace AddonGrains.Grains.Decision;

/// <summary>
/// The decision rule (docs/decisions.md), as pure code: given one check's observation of an organization, the last
/// known version, the policy and the clock, say where the rollout stands and whether to record a version and
/// trigger. This is the only place the rule lives (with <see cref="AddonStanding"/>, which says how one cluster's
/// installation stands toward a version).
/// </summary>
public static class RolloutDecider
{
    /// <summary>OCM's cluster state for a usable cluster.</summary>
    public const string ClusterReady = "ready";

    /// <summary>OCM's installation state for a finished installation.</summary>
    public const string AddonReady = "ready";

    /// <summary>OCM's installation state for an installation going away: not applicable.</summary>
    public const string AddonDeleting = "deleting";

    /// <summary>Applies the rule.</summary>
    public static RolloutAssessment Decide(DecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Error is not null)
        {
            // Any failed or malformed OCM response → Inconclusive: no decision, memory untouched.
            return new RolloutAssessment(RolloutPhase.Inconclusive, input.Memory.ConvergedVersion, 0, 0, 0, [], [],
                Decision.None, input.Memory, null, input.Error);
        }

        var excluded = ImmutableArray.CreateBuilder<ClusterRef>();
        var blocking = ImmutableArray.CreateBuilder<ClusterRef>();
        var applicable = new List<(ClusterObservation Cluster, AddonInstallation Installation)>();
        foreach (var cluster in input.Clusters)
        {
            if (!string.Equals(cluster.State, ClusterReady, StringComparison.Ordinal) || !cluster.Listed)
            {
                var reason = input.Policy.NotReadyClusters == NotReadyPolicy.Block
                    ? $"cluster is {cluster.State} (notReadyClusters: block)"
                    : $"cluster is {cluster.State}";
                var entry = new ClusterRef(cluster.ClusterId, cluster.Name, null, null, cluster.State, reason);
                excluded.Add(entry);
                if (input.Policy.NotReadyClusters == NotReadyPolicy.Block)
                {
                    blocking.Add(entry);
                }

                continue;
            }

            var installation = Find(cluster.Installations, input.Addon);
            if (installation is null)
            {
                continue; // No add-on → not applicable.
            }

            if (AddonStanding.IsGoingAway(installation.State))
            {
                excluded.Add(new ClusterRef(cluster.ClusterId, cluster.Name, installation.Version, installation.State, cluster.State,
                    $"add-on is being deleted ({installation.State})") { DesiredVersion = installation.DesiredVersion });
                continue;
            }

            applicable.Add((cluster, installation));
        }

        var total = input.Clusters.Length;
        if (applicable.Count == 0)
        {
            // Zero clusters with the add-on → NoInstallations, never a trigger.
            return new RolloutAssessment(RolloutPhase.NoInstallations, null, total, 0, 0, [], excluded.ToImmutable(),
                Decision.None, RolloutMemory.Empty, null, null);
        }

        var target = HighestVersion(applicable);
        var stragglers = ImmutableArray.CreateBuilder<ClusterRef>();
        var onTarget = 0;
        foreach (var (cluster, installation) in applicable)
        {
            if (AddonStanding.HeldBack(installation, target) is not { } reason)
            {
                onTarget++;
                continue;
            }

            stragglers.Add(new ClusterRef(cluster.ClusterId, cluster.Name, installation.Version, installation.State, cluster.State, reason)
            {
                DesiredVersion = installation.DesiredVersion,
                HeldBy = AddonStanding.HoldingCondition(installation)?.ToString(),
            });
        }

        var converged = stragglers.Count == 0 && target is not null;
        if (converged && string.Equals(target, input.LastKnownVersion, StringComparison.Ordinal))
        {
            return Assess(RolloutPhase.Idle, Decision.None, RolloutMemory.Empty, null);
        }

        if (converged && blocking.Count == 0)
        {
            var since = string.Equals(input.Memory.ConvergedVersion, target, StringComparison.Ordinal) && input.Memory.ConvergedSince is { } s
                ? s
                : input.Now;
            if (input.Now - since < input.Policy.Soak)
            {
                // Converged, but not yet for long enough: keep counting; a flap resets the soak.
                var soaking = new RolloutMemory(input.Memory.RolloutStartedAt ?? input.Now, target, since);
                return Assess(PhaseFor(soaking), Decision.None, soaking, since + input.Policy.Soak);
            }

            return Assess(RolloutPhase.Idle, DecideRecording(target!, input), RolloutMemory.Empty, null);
        }

        stragglers.AddRange(converged ? blocking : []);
        var rolling = new RolloutMemory(input.Memory.RolloutStartedAt ?? input.Now, null, null);
        return Assess(PhaseFor(rolling), Decision.None, rolling, null);

        RolloutPhase PhaseFor(RolloutMemory memory) =>
            input.Now - memory.RolloutStartedAt >= input.Policy.StallAfter ? RolloutPhase.Stalled : RolloutPhase.RollingOut;

        RolloutAssessment Assess(RolloutPhase phase, Decision decision, RolloutMemory memory, DateTimeOffset? soakUntil) =>
            new(phase, target, total, applicable.Count, onTarget, stragglers.ToImmutable(), excluded.ToImmutable(),
                decision, memory, soakUntil, null);
    }

    private static Decision DecideRecording(string version, DecisionInput input)
    {
        if (input.LastKnownVersion is not { } last)
        {
            return input.Policy.FirstSeen == FirstSeenPolicy.Trigger
                ? new Decision(DecisionKind.RecordAndTrigger, version, UpgradeDirection.First)
                : new Decision(DecisionKind.RecordBaseline, version, null);
        }

        var direction = AddonVersion.Compare(version, last) switch
        {
            > 0 => UpgradeDirection.Upgrade,
            < 0 => UpgradeDirection.Downgrade,
            _ => UpgradeDirection.Change,
        };
        return direction == UpgradeDirection.Downgrade && input.Policy.Rollbacks == RollbackPolicy.Skip
            ? new Decision(DecisionKind.RecordOnly, version, direction)
            : new Decision(DecisionKind.RecordAndTrigger, version, direction);
    }

    private static AddonInstallation? Find(ImmutableArray<AddonInstallation> installations, string addon)
    {
        foreach (var installation in installations)
        {
            if (string.Equals(installation.AddonId, addon, StringComparison.Ordinal))
            {
                return installation;
            }
        }
        return null;
    }

    /// <summary>
    /// The highest version the applicable clusters aim at: each one's desired version, or its installed version when
    /// it reports none (the last of equals, as a stable sort would give). A fleet reports few distinct versions, so
    /// versions are only compared (parsed) where the text differs from the highest so far.
    /// </summary>
    private static string? HighestVersion(List<(ClusterObservation Cluster, AddonInstallation Installation)> applicable)
    {
        string? highest = null;
        foreach (var (_, installation) in applicable)
        {
            if (AddonStanding.Aim(installation) is { } version
                && (highest is null || string.Equals(version, highest, StringComparison.Ordinal) || AddonVersion.CompareForOrdering(version, highest) >= 0))
            {
                highest = version;
            }
        }
        return highest;
    }
}
