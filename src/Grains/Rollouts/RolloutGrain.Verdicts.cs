using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The verdict of a version (<see cref="VersionVerdicts"/> over each job's latest trigger for it) and the rollout's
/// gauges: the last known version's verdict and the pause switch.
/// </summary>
internal sealed partial class RolloutGrain
{
    // The last verdict whose jobs had all finished, by version and newest event: a finished version costs no
    // trigger-grain calls at each check until someone retriggers it (a new event).
    private (string Version, int NewestEvent, VersionVerdict Verdict)? _finishedVerdict;

    public async Task<VersionVerdict> GetVerdictAsync(string? version, CancellationToken cancellationToken = default)
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        var organization = Organization();
        var s = state.State;
        var wanted = version ?? s.LastKnownVersion;
        var lastKnown = s.LastKnownVersion;
        VersionVerdict Answer(Verdict verdict, string reason, ImmutableArray<TriggerSnapshot> jobs) =>
            new(organization?.Name ?? orgName, organization?.OrgId ?? "", addon, wanted, verdict, reason, jobs, lastKnown);

        if (wanted is null)
        {
            return Answer(Verdict.Unknown, $"{orgName}/{addon} knows no version yet (nothing converged and no baseline was set)", []);
        }

        // Selected before the first await: this read interleaves with checks, which may add or drop records meanwhile.
        var latest = VersionVerdicts.LatestPerJob(s.Triggers, wanted);
        if (latest.Length == 0)
        {
            return IsKnownVersion(wanted)
                ? Answer(Verdict.None, VersionVerdicts.Decide([]).Reason, [])
                : Answer(Verdict.Unknown, $"version {wanted} is not known for {orgName}/{addon} (last known: {lastKnown ?? "none"}; "
                    + $"the triggers of events older than the last {Settings.History.Keep} are forgotten)", []);
        }

        var newest = latest.Max(r => r.Event.Number);
        if (_finishedVerdict is { } cached && cached.Version == wanted && cached.NewestEvent == newest)
        {
            return cached.Verdict with { LastKnownVersion = lastKnown };
        }

        var snapshots = await _outbox.SnapshotsAsync(latest, RequestFor, s.Pause is not null, cancellationToken);
        var (verdict, reason) = VersionVerdicts.Decide(snapshots);
        var answer = Answer(verdict, reason, [.. snapshots]);
        if (snapshots.All(t => t.Delivery.Status.IsFinished()))
        {
            _finishedVerdict = (wanted, newest, answer);
        }

        return answer;
    }

    private bool IsKnownVersion(string version) =>
        version == state.State.LastKnownVersion || version == state.State.PreviousKnownVersion
        || state.State.Triggers.Any(t => t.Event.Version == version) || state.State.ManualActions.Any(m => m.Version == version);

    /// <summary>Reports the last known version's verdict and the pause switch; a trigger grain that does not answer leaves the last report.</summary>
    private async Task RecordRolloutGaugesAsync(CancellationToken cancellationToken)
    {
        var (orgName, addon) = RolloutKey.Parse(Key);
        try
        {
            var verdict = await GetVerdictAsync(null, cancellationToken);
            RolloutTelemetry.Record(Key, orgName, addon, verdict.Version, verdict.Verdict, state.State.Pause is not null);
            _notifications.NoteVerdict(state.State, Settings, verdict);
            await _notifications.RecordAsync(Key);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogVerdictUnavailable(logger, Key, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutKey}: the verdict gauge was not updated: {Reason}")]
    private static partial void LogVerdictUnavailable(ILogger logger, string rolloutKey, string reason);
}
