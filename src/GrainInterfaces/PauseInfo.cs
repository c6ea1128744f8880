namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Who paused an organization × add-on, why, since when and until when (null: until <c>resume</c>). While paused,
/// checks go on and new triggers are held, not handed to Jenkins. Kept in the rollout's durable state.
/// </summary>
[GenerateSerializer, Immutable, Alias("pause-info")]
public sealed record PauseInfo(
    [property: Id(0)] string Actor,
    [property: Id(1)] bool Authenticated,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] DateTimeOffset? Until);
