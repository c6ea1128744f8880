using AddonGrains.Grains.Rollouts;

namespace AddonGrains.Tests.Grains;

/// <summary>What a rollout answers without a silo: status (<see cref="RolloutReads"/>), verdicts (<see cref="RolloutVerdicts"/>) and history pages.</summary>
public sealed class RolloutReadsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static TriggerRecord Record(int number, string job, string version = "2.0.0", bool submitted = true) => new()
    {
        TriggerId = $"ag-{number}-{job}", Event = new(number, version, "1.0.0", UpgradeDirection.Upgrade, At), Instance = "ci", Job = job, Submitted = submitted,
    };

    private static TriggerSnapshot Snapshot(TriggerRecord r, TriggerStatus status) =>
        new(new TriggerRequest(r.TriggerId, "acme", "o-1", "prod", "acm", r.Event, r.Instance, r.Job, []), new TriggerDelivery { Status = status, UpdatedAt = At });

    [Fact]
    public void Status_BeforeAnyCheck_ShowsWhatIsStored_AndPausedHoldsTheUnsubmitted()
    {
        var s = new RolloutState
        {
            LastKnownVersion = "2.0.0", LastPhase = RolloutPhase.Stalled, TargetVersion = "2.1.0", LastError = "x", ConvergenceEvents = 4,
            Triggers = [Record(3, "a"), Record(4, "a", submitted: false)], Pause = new PauseInfo("alice", true, "freeze", At, null),
        };

        var status = RolloutReads.Status("acme/acm", null, s, null, At, TimeSpan.FromMinutes(5), "h1");

        Assert.Equal(("acme", "", "acm", RolloutPhase.Paused, "2.1.0", "x", 4), (status.Organization, status.OrgId, status.Addon, status.Phase, status.TargetVersion, status.LastError, status.ConvergenceEvents));
        Assert.Equal((At.AddMinutes(5), 1, "h1"), (status.NextCheckAt, status.HeldTriggers, status.ConfigHash));
        Assert.Equal(RolloutPhase.Stalled, RolloutReads.Status("acme/acm", null, new RolloutState { LastPhase = RolloutPhase.Stalled }, null, null, TimeSpan.Zero, null).Phase);
        Assert.Empty(RolloutReads.Clusters(null, "acm"));
    }

    [Fact]
    public async Task Verdict_ReadsEachJobsLatestTrigger_AndOnceFinishedAnswersFromMemory()
    {
        var s = new RolloutState { LastKnownVersion = "2.0.0", Triggers = [Record(1, "a"), Record(1, "b"), Record(2, "a")] };
        var verdicts = new RolloutVerdicts();
        var reads = new List<string[]>();
        Task<TriggerSnapshot[]> Read(IReadOnlyCollection<TriggerRecord> latest)
        {
            reads.Add([.. latest.Select(r => r.TriggerId)]);
            return Task.FromResult(latest.Select(r => Snapshot(r, TriggerStatus.Succeeded)).ToArray());
        }

        var first = await verdicts.AnswerAsync(s, "acme/acm", null, 50, null, Read);
        var second = await verdicts.AnswerAsync(s, "acme/acm", null, 50, "2.0.0", Read);

        Assert.Equal((Verdict.Passed, "all 2 jobs succeeded"), (first.Verdict, first.Reason));
        Assert.Equal(first, second);
        Assert.Equal(["ag-2-a", "ag-1-b"], Assert.Single(reads));
    }

    [Theory]
    [InlineData(null, Verdict.Unknown, "acme/acm knows no version yet (nothing converged and no baseline was set)")]
    [InlineData("9.9.9", Verdict.Unknown, "version 9.9.9 is not known for acme/acm (last known: none; the triggers of events older than the last 7 are forgotten)")]
    public async Task Verdict_OfAVersionItDoesNotRemember_IsUnknownWithoutReadingTriggers(string? version, Verdict verdict, string reason)
    {
        var answer = await new RolloutVerdicts().AnswerAsync(new RolloutState(), "acme/acm", null, 7, version,
            _ => throw new InvalidOperationException("no trigger is read"));

        Assert.Equal((verdict, reason), (answer.Verdict, answer.Reason));
        Assert.False(RolloutVerdicts.IsKnown(new RolloutState { PreviousKnownVersion = "1.0.0" }, "9.9.9"));
        Assert.True(RolloutVerdicts.IsKnown(new RolloutState { PreviousKnownVersion = "1.0.0" }, "1.0.0"));
    }

    [Fact]
    public void HistoryRead_RefusesABadLimitAndAnUnknownTrigger_RetiresOnlyHandedOverOldEvents()
    {
        TriggerRecord[] records = [Record(1, "a"), Record(1, "b", submitted: false), Record(2, "a"), Record(3, "a")];

        Assert.Equal((null, "the limit must be at least 1 (got 0)"), RolloutHistory.Read(records, 0, null, "acme/acm", 2));
        Assert.Equal((null, "trigger 'ag-9' is not in the history of acme/acm (it keeps the last 2 events)"), RolloutHistory.Read(records, 5, "ag-9", "acme/acm", 2));
        Assert.Equal(["ag-2-a"], RolloutHistory.Read(records, 1, "ag-3-a", "acme/acm", 2).Page!.Value.Rows.Select(r => r.TriggerId));
        Assert.Equal(["ag-1-a"], RolloutHistory.ToRetire(records, 2).Select(r => r.TriggerId));
    }
}
