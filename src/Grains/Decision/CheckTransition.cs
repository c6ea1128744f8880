namespace AddonGrains.Grains.Decision;

/// <summary>What a rollout remembers between checks, apart from its triggers and operator actions.</summary>
public sealed record RolloutFacts(
    string? LastKnownVersion,
    string? PreviousKnownVersion,
    int ConvergenceEvents,
    RolloutMemory Memory,
    RolloutPhase LastPhase,
    string? LastError,
    string? TargetVersion);

/// <summary>A version a check recorded: the event's number (part of every TRIGGER_ID), and whether its jobs are triggered.</summary>
public sealed record RecordedEvent(int Number, string Version, string? PreviousVersion, Decision Decision)
{
    public bool Triggers => Decision.Kind == DecisionKind.RecordAndTrigger;

    /// <summary>The direction its triggers carry.</summary>
    public UpgradeDirection Direction => Decision.Direction ?? UpgradeDirection.Change;
}

/// <summary>
/// The state transition of one check, beside <see cref="RolloutDecider"/> and as pure: folds the assessment into what
/// the rollout remembers (docs/decisions.md). An Inconclusive check keeps the memory; a decision records its version
/// as a new event only while the rollout is in the configuration. The state must be written when the facts changed.
/// </summary>
public static class CheckTransition
{
    public static (RolloutFacts After, RecordedEvent? Recorded) Apply(RolloutFacts before, RolloutAssessment assessment, bool configured)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(assessment);
        var after = (assessment.Phase == RolloutPhase.Inconclusive ? before : before with { Memory = assessment.Memory, TargetVersion = assessment.TargetVersion })
            with { LastPhase = assessment.Phase, LastError = assessment.Error };
        var decision = assessment.Decision;
        if (decision.Kind == DecisionKind.None || decision.Version is not { } version || !configured)
        {
            return (after, null);
        }

        after = after with { PreviousKnownVersion = before.LastKnownVersion, LastKnownVersion = version, ConvergenceEvents = before.ConvergenceEvents + 1 };
        return (after, new RecordedEvent(after.ConvergenceEvents, version, before.LastKnownVersion, decision));
    }
}
