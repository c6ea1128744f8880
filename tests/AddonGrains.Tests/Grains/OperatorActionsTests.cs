using AddonGrains.Configuration;
using AddonGrains.Grains.Decision;
using AddonGrains.Grains.Rollouts;
using AddonGrains.Tests.Cli;
using Dec = AddonGrains.Grains.Decision.Decision;

namespace AddonGrains.Tests.Grains;

/// <summary>The pure rules beside the rollout grain: operator actions (<see cref="OperatorActions"/>) and one check's fold (<see cref="RolloutCheck"/>).</summary>
public sealed class OperatorActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly AddonGrainsSettings Settings = CliClusterFixture.Settings;
    private static readonly OrganizationSettings Verdict = Settings.FindOrganization("verdict")!;
    private static readonly ManualActionEntry Alice = new(ManualActionEntry.Pause, null, "1.0.0", null, "alice", true, "freeze", Now);

    [Theory]
    [InlineData("e2e", null, "e2e", null)]
    [InlineData("folder/smoke", "ci-int", "folder/smoke", null)]
    [InlineData("e2e", "ci-prod", null, "no subscribed job 'e2e' on instance 'ci-prod'; subscribed: e2e (instance ci-int), folder/smoke (instance ci-int)")]
    [InlineData("nope", null, null, "no subscribed job 'nope'; subscribed: e2e (instance ci-int), folder/smoke (instance ci-int)")]
    public void Job_FindsTheOneSubscribedJob_OrSaysWhichAreSubscribed(string job, string? instance, string? found, string? refusal)
    {
        var (test, why) = OperatorActions.Job(Verdict, "acm", job, instance);

        Assert.Equal((found, refusal), (test?.Name, why));
    }

    [Theory]
    [InlineData("2.9.0", false)]
    [InlineData(" ", true)]
    [InlineData("2.9.0\n", true)]
    public void BaselineRefusal_OnlyPrintableVersionsOfAtMost128Characters(string version, bool refused)
    {
        Assert.Equal(refused, OperatorActions.BaselineRefusal(version) is not null);
        Assert.NotNull(OperatorActions.BaselineRefusal(new string('1', 129)));
    }

    [Fact]
    public void Pause_Again_KeepsItsStartAndSaysUpdated()
    {
        var s = new RolloutState();

        var first = OperatorActions.Pause(s, Alice, null, Now);
        var second = OperatorActions.Pause(s, Alice with { Actor = "bob" }, Now.AddHours(2), Now.AddHours(1));

        Assert.Equal("paused until 'resume': checks go on, new triggers are held and delivered at the end", first);
        Assert.Equal("pause updated until 2026-11-26T14:00:00Z: checks go on, new triggers are held and delivered at the end", second);
        Assert.Equal(new PauseInfo("bob", true, "freeze", Now, Now.AddHours(2)), s.Pause);
    }

    [Fact]
    public void EndDuePause_OnlyOnceItsEndHasCome_RecordsTheResumeInTheTrail()
    {
        var s = new RolloutState { LastKnownVersion = "1.0.0", Pause = new PauseInfo("alice", true, "freeze", Now, Now.AddHours(1)) };

        var early = OperatorActions.EndDuePause(s, Now.AddMinutes(59), keep: 50);
        var due = OperatorActions.EndDuePause(s, Now.AddHours(1), keep: 50);

        Assert.Equal((null, Now.AddHours(1)), (early, due));
        Assert.Null(s.Pause);
        Assert.Equal(new ManualActionEntry(ManualActionEntry.Resume, null, "1.0.0", null, "addongrains", true, "the pause by alice ended at 2026-11-26T13:00:00Z",
            Now.AddHours(1)), Assert.Single(s.ManualActions));
    }

    [Fact]
    public void Check_AConvergence_RecordsOneTriggerPerJobOfOneEvent()
    {
        var s = new RolloutState { LastKnownVersion = "1.0.0", ConvergenceEvents = 2 };
        var converged = new RolloutAssessment(RolloutPhase.Idle, "1.1.0", 3, 3, 3, [], [], new Dec(DecisionKind.RecordAndTrigger, "1.1.0", UpgradeDirection.Upgrade),
            RolloutMemory.Empty, null, null);

        var (changed, recorded) = RolloutCheck.Fold(s, converged, Settings, Verdict, "acm", Now);

        Assert.True(changed);
        Assert.Equal(3, recorded!.Number);
        Assert.Equal([("ci-int", "e2e"), ("ci-int", "folder/smoke")], s.Triggers.Select(t => (t.Instance, t.Job)));
        Assert.All(s.Triggers, t => Assert.Equal((new TriggerEvent(3, "1.1.0", "1.0.0", UpgradeDirection.Upgrade, Now), false), (t.Event, t.Submitted)));
    }

    [Fact]
    public void Check_Inconclusive_ChangesOnlyWhatItMustWrite()
    {
        var s = new RolloutState { LastKnownVersion = "1.0.0", LastPhase = RolloutPhase.Inconclusive, LastError = "down", Pause = new PauseInfo("alice", true, "x", Now, Now) };

        var outcome = RolloutCheck.Run(s, FleetObservation.Failed("down", Now), Settings, Verdict, "acm", Now);
        var again = RolloutCheck.Run(s, FleetObservation.Failed("down", Now), Settings, Verdict, "acm", Now);

        Assert.Equal((RolloutPhase.Inconclusive, Now, true), (outcome.Assessment.Phase, outcome.PauseEnded, outcome.Changed));
        Assert.Equal((null, false), (again.PauseEnded, again.Changed));
        Assert.Empty(s.Triggers);
    }
}
