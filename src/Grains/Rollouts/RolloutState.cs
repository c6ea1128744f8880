namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// The durable state of one organization × add-on. Written only when something in it changes, so a check in
/// steady state writes nothing (docs/persistence.md). Fields are only ever appended (new <c>[Id]</c>s), so older stored
/// state reads. Schema 2; schema 1 kept each trigger record's event facts in fields of the record, which are read into
/// <see cref="TriggerRecord.Event"/> and still written for the previous release (docs/persistence.md, "Rolling upgrades").
/// </summary>
[GenerateSerializer, Alias("rollout-state")]
public sealed class RolloutState
{
    /// <summary>Bump and extend <see cref="Migrate"/> when the shape changes.</summary>
    public const int CurrentSchema = 2;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;
    [Id(1)] public string? LastKnownVersion { get; set; }
    [Id(2)] public string? PreviousKnownVersion { get; set; }
    /// <summary>Counts recorded changes and manual triggers; part of every TRIGGER_ID.</summary>
    [Id(3)] public int ConvergenceEvents { get; set; }
    [Id(4)] public DateTimeOffset? RolloutStartedAt { get; set; }
    [Id(5)] public string? ConvergedVersion { get; set; }
    [Id(6)] public DateTimeOffset? ConvergedSince { get; set; }
    [Id(7)] public RolloutPhase LastPhase { get; set; }
    [Id(8)] public string? LastError { get; set; }
    [Id(9)] public string? TargetVersion { get; set; }
    [Id(10)] public bool Active { get; set; }
    [Id(11)] public List<TriggerRecord> Triggers { get; set; } = [];
    /// <summary>Operator actions (retrigger, baseline) with who and why, oldest first; the newest 200 are kept.</summary>
    [Id(12)] public List<ManualActionEntry> ManualActions { get; set; } = [];
    /// <summary>
    /// Set while an operator has paused the rollout: its triggers are then held (kept unsubmitted) until resume or
    /// <see cref="PauseInfo.Until"/>. Added after schema 1 was stored: state written before reads back as not paused.
    /// </summary>
    [Id(13)] public PauseInfo? Pause { get; set; }

    /// <summary>
    /// Brings state stored by an older schema to <see cref="CurrentSchema"/> (in memory; written with the next change): its
    /// fields were read into the current shape already, so only the number changes.
    /// </summary>
    public void Migrate() => Schema = CurrentSchema;

    /// <summary>What <see cref="Decision.CheckTransition"/> folds a check into (methods, so no serializer stores them twice).</summary>
    public Decision.RolloutFacts GetFacts() =>
        new(LastKnownVersion, PreviousKnownVersion, ConvergenceEvents, new(RolloutStartedAt, ConvergedVersion, ConvergedSince), LastPhase, LastError, TargetVersion);

    public void SetFacts(Decision.RolloutFacts facts) =>
        (LastKnownVersion, PreviousKnownVersion, ConvergenceEvents, (RolloutStartedAt, ConvergedVersion, ConvergedSince), LastPhase, LastError, TargetVersion) =
            (facts.LastKnownVersion, facts.PreviousKnownVersion, facts.ConvergenceEvents, facts.Memory, facts.LastPhase, facts.LastError, facts.TargetVersion);
}
