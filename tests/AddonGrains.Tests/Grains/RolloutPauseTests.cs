using AddonGrains.Grains.Rollouts;
using AddonGrains.Tests.Support;
using Orleans.Core.Internal;

namespace AddonGrains.Tests.Grains;

/// <summary>The pause switch on the rollout grain: held triggers, delivered once at resume or when the pause ends.</summary>
[Collection(GrainClusterGroup.Name)]
public sealed class RolloutPauseTests(GrainClusterFixture fixture)
{
    private static readonly OperatorRequest Freeze = new("change freeze", "alice", "laptop", null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IRolloutGrain Rollout(string organization) => fixture.Grains.GetGrain<IRolloutGrain>(RolloutKey.For(organization, "acm"));

    private void Fleet(string orgId, string version, string cluster)
    {
        fixture.Ocm.SetCluster(orgId, cluster);
        fixture.Ocm.SetAddon(cluster, "acm", version);
    }

    [Fact]
    public async Task Pause_HoldsAConvergenceAndARetrigger_AcrossDeactivation_ResumeDeliversThemOnce()
    {
        var grain = Rollout("paused");
        Fleet("org-paused", "1.0.0", "p1");
        await grain.CheckAsync(Ct);

        var pause = await grain.PauseAsync(null, Freeze, Ct);
        Fleet("org-paused", "1.1.0", "p1");
        var converged = await grain.CheckAsync(Ct);
        var retrigger = await grain.RetriggerAsync("e2e", null, TestOperator.Request, Ct);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var reactivated = await grain.GetStatusAsync(Ct);
        await grain.CheckAsync(Ct);
        var heldHistory = await grain.GetHistoryAsync(Ct);
        var heldVerdict = await grain.GetVerdictAsync(null, Ct);
        var submissionsBefore = fixture.Triggers.Submissions;
        var deliveredBeforeResume = fixture.Triggers.For("paused").Length;

        var resume = await grain.ResumeAsync(new OperatorRequest("freeze over", "bob", "desk", null), Ct);
        await grain.CheckAsync(Ct);
        var again = await grain.ResumeAsync(TestOperator.Request, Ct);
        var after = await grain.GetStatusAsync(Ct);
        var audit = await grain.GetManualActionsAsync(Ct);

        Assert.True(pause.Accepted, pause.Message);
        Assert.Contains("until 'resume'", pause.Message, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Paused, "1.1.0", 1), (converged.Phase, converged.LastKnownVersion, converged.HeldTriggers));
        Assert.Equal(("alice@laptop (unauthenticated)", "change freeze", (DateTimeOffset?)null), (converged.Pause!.Actor, converged.Pause.Reason, converged.Pause.Until));
        Assert.Contains("held while the rollout is paused", retrigger.Message, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Paused, 2), (reactivated.Phase, reactivated.HeldTriggers));
        Assert.Equal(0, deliveredBeforeResume);
        Assert.All(heldHistory, t => Assert.Equal((TriggerStatus.Pending, RolloutTriggers.HeldMessage), (t.Delivery.Status, t.Delivery.LastError)));
        Assert.Equal(Verdict.Pending, heldVerdict.Verdict);
        Assert.Equal(UpgradeDirection.Manual, Assert.Single(heldVerdict.Jobs).Request.Event.Direction); // the retrigger is the job's latest trigger
        Assert.True(resume.Accepted);
        Assert.Equal("resumed: 2 held trigger(s) handed to Jenkins", resume.Message);
        Assert.Equal(2, fixture.Triggers.For("paused").Length);
        Assert.Equal(2, fixture.Triggers.Submissions - submissionsBefore);
        Assert.Equal((true, "not paused; nothing changed"), (again.Accepted, again.Message));
        Assert.Equal((RolloutPhase.Idle, null, 0), (after.Phase, after.Pause, after.HeldTriggers));
        Assert.Equal([ManualActionEntry.Resume, ManualActionEntry.Retrigger, ManualActionEntry.Pause], audit.Take(3).Select(a => a.Action));
        Assert.Equal(("bob@desk (unauthenticated)", "freeze over"), (audit[0].Actor, audit[0].Reason));
    }

    [Fact]
    public async Task PauseUntil_WhenItPasses_TheNextCheckDeliversTheHeldTriggerOnce()
    {
        var grain = Rollout("pause-until");
        Fleet("org-pause-until", "1.0.0", "u1");
        await grain.CheckAsync(Ct);

        var pausedAt = fixture.Clock.GetUtcNow();
        var pause = await grain.PauseAsync("30m", Freeze, Ct);
        Fleet("org-pause-until", "1.1.0", "u1");
        var held = await grain.CheckAsync(Ct);
        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        var stillHeld = await grain.CheckAsync(Ct);
        var deliveredEarly = fixture.Triggers.For("pause-until").Length;
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var ended = await grain.CheckAsync(Ct);
        await grain.CheckAsync(Ct);
        var audit = await grain.GetManualActionsAsync(Ct);

        Assert.True(pause.Accepted, pause.Message);
        Assert.Equal(pausedAt + TimeSpan.FromMinutes(30), held.Pause!.Until);
        Assert.Equal((RolloutPhase.Paused, 1), (held.Phase, held.HeldTriggers));
        Assert.Equal(RolloutPhase.Paused, stillHeld.Phase);
        Assert.Equal(0, deliveredEarly);
        Assert.Equal((RolloutPhase.Idle, null), (ended.Phase, ended.Pause));
        var trigger = Assert.Single(fixture.Triggers.For("pause-until"));
        Assert.Equal("1.1.0", trigger.Event.Version);
        Assert.Equal((ManualActionEntry.Resume, "addongrains"), (audit[0].Action, audit[0].Actor));
        Assert.StartsWith("the pause by alice@laptop (unauthenticated) ended at", audit[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90m", "2026-11-26T13:30:00Z", null)]
    [InlineData("01:00:00", "2026-11-26T13:00:00Z", null)]
    [InlineData("2026-12-24T18:00:00Z", "2026-12-24T18:00:00Z", null)]
    [InlineData("2026-12-24T18:00", "2026-12-24T18:00:00Z", null)] // no offset: UTC
    [InlineData("2026-12-24T19:00:00+01:00", "2026-12-24T18:00:00Z", null)]
    [InlineData("2026-11-01T00:00:00Z", null, "--until 2026-11-01T00:00:00Z is in the past (the silo's clock says 2026-11-26T12:00:00Z)")]
    [InlineData("0s", null, "--until 0s: a duration must be longer than 0")]
    [InlineData("tomorrow", null, "--until 'tomorrow' is neither a time (e.g. 2026-12-24T18:00:00Z) nor a duration (30m, 2h, 1d, hh:mm:ss)")]
    [InlineData("-5m", null, "--until '-5m' is neither a time (e.g. 2026-12-24T18:00:00Z) nor a duration (30m, 2h, 1d, hh:mm:ss)")]
    public void PauseEnd_ParsesTimesAndDurations_RefusesThePastAndNonsense(string until, string? end, string? error)
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        var result = RolloutGrain.PauseEnd(until, now);

        Assert.Equal((end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), error), result);
    }
}
