namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One operator action on a rollout, as the silo recorded it (the audit trail; <c>actor</c> in docs/cli.md,
/// <c>reason</c>). <see cref="Action"/> is <c>retrigger</c> (with the <see cref="TriggerId"/> it created),
/// <c>baseline</c>, <c>pause</c> or <c>resume</c>. <see cref="Actor"/> is the client certificate's subject when the silo runs mutual TLS
/// (<see cref="Authenticated"/> true), else <c>user@host (unauthenticated)</c> as the CLI reported it.
/// </summary>
[GenerateSerializer, Immutable, Alias("manual-action-entry")]
public sealed record ManualActionEntry(
    [property: Id(0)] string Action,
    [property: Id(1)] string? TriggerId,
    [property: Id(2)] string Version,
    [property: Id(3)] string? PreviousVersion,
    [property: Id(4)] string Actor,
    [property: Id(5)] bool Authenticated,
    [property: Id(6)] string Reason,
    [property: Id(7)] DateTimeOffset At)
{
    public const string Retrigger = "retrigger";
    public const string Baseline = "baseline";
    public const string Pause = "pause";
    public const string Resume = "resume";
}
