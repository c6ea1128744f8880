using AddonGrains.Grains.Decision;
using Dec = AddonGrains.Grains.Decision.Decision;

namespace AddonGrains.Tests.Decision;

/// <summary>The state transition of one check, as a table: the facts before, the assessment, the facts after and the event recorded.</summary>
public sealed class CheckTransitionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly RolloutMemory Soaking = new(At, "2.9.0", At);
    private static readonly RolloutFacts Before = new("2.8.0", "2.7.0", 4, RolloutMemory.Empty, RolloutPhase.RollingOut, null, "2.9.0");

    public static TheoryData<string, RolloutAssessment, bool, RolloutFacts, RecordedEvent?> Table => new()
    {
        {
            "inconclusive keeps the memory and target, notes the error", Assess(RolloutPhase.Inconclusive, Dec.None, memory: Soaking, target: "3.0.0", error: "ocm down"), true,
            Before with { LastPhase = RolloutPhase.Inconclusive, LastError = "ocm down" }, null
        },
        {
            "a rollout in progress remembers what the rule remembers", Assess(RolloutPhase.RollingOut, Dec.None, memory: Soaking), true,
            Before with { Memory = Soaking }, null
        },
        {
            "a convergence records and triggers", Assess(RolloutPhase.Idle, new Dec(DecisionKind.RecordAndTrigger, "2.9.0", UpgradeDirection.Upgrade)), true,
            Before with { LastKnownVersion = "2.9.0", PreviousKnownVersion = "2.8.0", ConvergenceEvents = 5, LastPhase = RolloutPhase.Idle },
            new RecordedEvent(5, "2.9.0", "2.8.0", new Dec(DecisionKind.RecordAndTrigger, "2.9.0", UpgradeDirection.Upgrade))
        },
        {
            "a baseline is recorded without triggers", Assess(RolloutPhase.Idle, new Dec(DecisionKind.RecordBaseline, "2.9.0", UpgradeDirection.First)), true,
            Before with { LastKnownVersion = "2.9.0", PreviousKnownVersion = "2.8.0", ConvergenceEvents = 5, LastPhase = RolloutPhase.Idle },
            new RecordedEvent(5, "2.9.0", "2.8.0", new Dec(DecisionKind.RecordBaseline, "2.9.0", UpgradeDirection.First))
        },
        {
            "a rollout no longer configured records nothing", Assess(RolloutPhase.Idle, new Dec(DecisionKind.RecordAndTrigger, "2.9.0", UpgradeDirection.Upgrade)), false,
            Before with { LastPhase = RolloutPhase.Idle }, null
        },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Apply_FoldsTheAssessment(string _, RolloutAssessment assessment, bool configured, RolloutFacts after, RecordedEvent? recorded)
    {
        Assert.Equal((after, recorded), CheckTransition.Apply(Before, assessment, configured));
    }

    [Fact]
    public void SteadyCheck_ChangesNothing()
    {
        var steady = Assess(RolloutPhase.RollingOut, Dec.None);

        Assert.Equal((Before, (RecordedEvent?)null), CheckTransition.Apply(Before, steady, true));
    }

    [Theory]
    [InlineData(DecisionKind.RecordAndTrigger, true)]
    [InlineData(DecisionKind.RecordOnly, false)]
    [InlineData(DecisionKind.RecordBaseline, false)]
    public void OnlyRecordAndTrigger_Triggers_AndAChangeWithoutDirectionIsAChange(DecisionKind kind, bool triggers)
    {
        var (_, recorded) = CheckTransition.Apply(Before, Assess(RolloutPhase.Idle, new Dec(kind, "2.9.0", null)), true);

        Assert.Equal((triggers, UpgradeDirection.Change), (recorded!.Triggers, recorded.Direction));
    }

    private static RolloutAssessment Assess(RolloutPhase phase, Dec decision, RolloutMemory? memory = null, string? target = "2.9.0", string? error = null) =>
        new(phase, target, 3, 3, 1, [], [], decision, memory ?? RolloutMemory.Empty, null, error);
}
