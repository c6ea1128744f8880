namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// A trigger the rollout grain created: which job of which event (its <see cref="TriggerEvent"/>, the same facts the
/// trigger grain gets in its request), enough to (re)submit it, and whether it was handed over. The event's facts are
/// also written in rollout state schema 1's flat fields, for a silo of the previous release during a rolling upgrade
/// (docs/persistence.md, "Rolling upgrades").
/// </summary>
[GenerateSerializer, Alias("trigger-record")]
public sealed class TriggerRecord
{
    [Id(0)] public string TriggerId { get; set; } = "";
    [Id(9)] public TriggerEvent Event { get; set; } = null!;
    [Id(5)] public string Instance { get; set; } = "";
    [Id(6)] public string Job { get; set; } = "";
    /// <summary>True once the trigger grain accepted it; false ones are submitted again after a crash.</summary>
    [Id(8)] public bool Submitted { get; set; }

    // Rollout state schema 1's fields (the event's facts, flat), written for silos of the previous release: views of
    // Event that store nothing; their setters are for the serializer only. Reading state that release wrote fills Event
    // from them; Event's field (Id 9) is read after them and wins when present. Drop them one release later
    // (docs/persistence.md, "Rolling upgrades").
    [Id(1)] internal int V1EventNumber { get => Event?.Number ?? 0; set => Event = Facts with { Number = value }; }
    [Id(2)] internal string? V1Version { get => Event?.Version; set => Event = Facts with { Version = value ?? "" }; }
    [Id(3)] internal string? V1PreviousVersion { get => Event?.PreviousVersion; set => Event = Facts with { PreviousVersion = value }; }
    [Id(4)] internal UpgradeDirection V1Direction { get => Event?.Direction ?? default; set => Event = Facts with { Direction = value }; }
    [Id(7)] internal DateTimeOffset V1CreatedAt { get => Event?.At ?? default; set => Event = Facts with { At = value }; }

    private TriggerEvent Facts => Event ?? TriggerEvent.Unknown;
}
