using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Everything a trigger needs to fire one Jenkins job once for one convergence event: the <see cref="TriggerEvent"/>
/// as the rollout recorded it, and who and what to trigger. Built once, when the rollout hands the trigger over (the
/// organization, OCM environment and static parameters from the configuration current then), and stored by the trigger
/// grain (docs/architecture.md, "Triggers: one shape"). A fact of the event is a field of <see cref="TriggerEvent"/>;
/// a fact of the subscription or its configuration is a field here.
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-request")]
public sealed record TriggerRequest(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string Organization,
    [property: Id(2)] string OrgId,
    [property: Id(3)] string OcmEnvironment,
    [property: Id(4)] string Addon,
    [property: Id(12)] TriggerEvent Event,
    [property: Id(8)] string Instance,
    [property: Id(9)] string Job,
    [property: Id(10)] ImmutableArray<JobParameter> StaticParameters)
{
    // Trigger state schema 2 fields (the event's facts, flat): only read by TriggerState.Migrate, through FromSchema2.
    [Id(5)] internal string? V2Version { get; init; }
    [Id(6)] internal string? V2PreviousVersion { get; init; }
    [Id(7)] internal UpgradeDirection V2Direction { get; init; }
    [Id(11)] internal DateTimeOffset V2CreatedAt { get; init; }

    /// <summary>
    /// A request stored by trigger state schema 2 with its event's facts in <see cref="Event"/> (whose
    /// <see cref="TriggerEvent.Number"/> that schema did not keep: 0); this request when it has its event already.
    /// </summary>
    internal TriggerRequest FromSchema2() => Event is not null ? this : this with
    {
        Event = new TriggerEvent(0, V2Version ?? "", V2PreviousVersion, V2Direction, V2CreatedAt),
        V2Version = null, V2PreviousVersion = null, V2Direction = default, V2CreatedAt = default,
    };
}
