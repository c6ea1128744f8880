using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Everything a trigger needs to fire one Jenkins job once for one convergence event: the <see cref="TriggerEvent"/>
/// as the rollout recorded it, and who and what to trigger. Built once, when the rollout hands the trigger over (the
/// organization, OCM environment and static parameters from the configuration current then), and stored by the trigger
/// grain (docs/architecture.md, "Triggers: one shape"). A fact of the event is a field of <see cref="TriggerEvent"/>;
/// a fact of the subscription or its configuration is a field here. The event's facts are also written in the flat
/// fields of the previous release, for its silos during a rolling upgrade (docs/persistence.md, "Rolling upgrades").
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-request")]
public sealed record TriggerRequest(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string Organization,
    [property: Id(2)] string OrgId,
    [property: Id(3)] string OcmEnvironment,
    [property: Id(4)] string Addon,
    TriggerEvent Event,
    [property: Id(8)] string Instance,
    [property: Id(9)] string Job,
    [property: Id(10)] ImmutableArray<JobParameter> StaticParameters)
{
    /// <summary>The event's facts: kept in a field of its own, which the flat fields below fill while a request of the previous release is read.</summary>
    public TriggerEvent Event { get => _event; init => _event = value; }

    [Id(12)] private TriggerEvent _event = Event;

    // Trigger state schema 2's fields (the event's facts, flat), written for silos of the previous release, which read
    // them from requests and stored trigger states: views of Event that store nothing (so equality is unchanged); their
    // setters are for the serializer only. Reading a request of that release fills Event from them (Number 0: it did
    // not carry it); Event's field (Id 12) is read after them and wins when present. Drop them one release later
    // (docs/persistence.md, "Rolling upgrades").
    [Id(5)] internal string? V2Version { get => _event?.Version; set => _event = Facts with { Version = value ?? "" }; }
    [Id(6)] internal string? V2PreviousVersion { get => _event?.PreviousVersion; set => _event = Facts with { PreviousVersion = value }; }
    [Id(7)] internal UpgradeDirection V2Direction { get => _event?.Direction ?? default; set => _event = Facts with { Direction = value }; }
    [Id(11)] internal DateTimeOffset V2CreatedAt { get => _event?.At ?? default; set => _event = Facts with { At = value }; }

    private TriggerEvent Facts => _event ?? TriggerEvent.Unknown;
}
