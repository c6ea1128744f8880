using AddonGrains.Grains.Decision;

namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// A rollout's answer to "what is the verdict of version V" (docs/decisions.md, "Verdicts and pausing"):
/// <see cref="VersionVerdicts"/> over each job's latest trigger for V, or <c>unknown</c> for a version the rollout does not
/// remember. Holds the last verdict whose jobs had all finished, by version and newest event: a finished version costs
/// no trigger-grain calls at each check until someone retriggers it (a new event).
/// </summary>
internal sealed class RolloutVerdicts
{
    private (string Version, int NewestEvent, VersionVerdict Verdict)? _finished;

    /// <summary>
    /// The verdict of <paramref name="version"/> (null: the last known version) for the rollout <paramref name="key"/>;
    /// <paramref name="snapshots"/> reads the triggers that decide it (called only when the verdict is not known yet).
    /// </summary>
    public async Task<VersionVerdict> AnswerAsync(RolloutState s, string key, OrganizationSettings? organization, int keep, string? version,
        Func<IReadOnlyCollection<TriggerRecord>, Task<TriggerSnapshot[]>> snapshots)
    {
        var (orgName, addon) = RolloutKey.Parse(key);
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
            return IsKnown(s, wanted)
                ? Answer(Verdict.None, VersionVerdicts.Decide([]).Reason, [])
                : Answer(Verdict.Unknown, $"version {wanted} is not known for {orgName}/{addon} (last known: {lastKnown ?? "none"}; "
                    + $"the triggers of events older than the last {keep} are forgotten)", []);
        }

        var newest = latest.Max(r => r.Event.Number);
        if (_finished is { } cached && cached.Version == wanted && cached.NewestEvent == newest)
        {
            return cached.Verdict with { LastKnownVersion = lastKnown };
        }

        var read = await snapshots(latest);
        var (verdict, reason) = VersionVerdicts.Decide(read);
        var answer = Answer(verdict, reason, [.. read]);
        if (read.All(t => t.Delivery.Status.IsFinished()))
        {
            _finished = (wanted, newest, answer);
        }

        return answer;
    }

    /// <summary>A version the rollout remembers: last known, previous, in a kept trigger record or an operator action.</summary>
    public static bool IsKnown(RolloutState s, string version) =>
        version == s.LastKnownVersion || version == s.PreviousKnownVersion
        || s.Triggers.Any(t => t.Event.Version == version) || s.ManualActions.Any(m => m.Version == version);
}
