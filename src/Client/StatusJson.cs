namespace AddonGrains.Client;

/// <summary>One element of <c>status -o json</c> (and the object of <c>check -o json</c>); field names as in docs/cli.md.</summary>
internal sealed record StatusJson(
    string Organization,
    string OrgId,
    string Addon,
    string Phase,
    string? LastKnownVersion,
    string? TargetVersion,
    int ClustersTotal,
    int ClustersApplicable,
    int ClustersOnTarget,
    int ClustersExcluded,
    ImmutableArray<ClusterRefJson> Stragglers,
    string? RolloutStartedAt,
    string? LastCheckAt,
    string? NextCheckAt,
    string? LastError,
    ImmutableArray<ClusterRefJson> Excluded,
    string? SoakUntil,
    int ConvergenceEvents,
    string? ConfigHash,
    PauseJson? Pause,
    int HeldTriggers)
{
    public static StatusJson From(RolloutStatus s) => new(
        s.Organization, s.OrgId, s.Addon, s.Phase.ToString(), s.LastKnownVersion, s.TargetVersion,
        s.ClustersTotal, s.ClustersApplicable, s.ClustersOnTarget, s.ClustersExcluded,
        ClusterRefJson.From(s.Stragglers), Iso.Format(s.RolloutStartedAt), Iso.Format(s.LastCheckAt), Iso.Format(s.NextCheckAt),
        s.LastError, ClusterRefJson.From(s.Excluded), Iso.Format(s.SoakUntil), s.ConvergenceEvents, s.ConfigHash,
        s.Pause is { } p ? new PauseJson(p.Actor, p.Reason, Iso.Format(p.Since)!, Iso.Format(p.Until)) : null, s.HeldTriggers);
}

/// <summary>The <c>pause</c> of a paused row in <c>status -o json</c>: who, why, since and until when (null: until resume).</summary>
internal sealed record PauseJson(string Actor, string Reason, string Since, string? Until);
