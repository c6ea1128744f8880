namespace AddonGrains.Grains.Rollouts;

/// <summary>
/// A trigger the rollout grain created: which job of which event (its <see cref="TriggerEvent"/>, the same facts the
/// trigger grain gets in its request), enough to (re)submit it, and whether it was handed over.
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

    // Rollout state schema 1 fields (the event's facts, flat): only read by Migrate.
    [Id(1)] internal int V1EventNumber { get; set; }
    [Id(2)] internal string? V1Version { get; set; }
    [Id(3)] internal string? V1PreviousVersion { get; set; }
    [Id(4)] internal UpgradeDirection V1Direction { get; set; }
    [Id(7)] internal DateTimeOffset V1CreatedAt { get; set; }

    /// <summary>Moves the facts stored by rollout state schema 1 into <see cref="Event"/>; nothing when it has its event already.</summary>
    internal void Migrate()
    {
        if (Event is not null)
        {
            return;
        }

        Event = new TriggerEvent(V1EventNumber, V1Version ?? "", V1PreviousVersion, V1Direction, V1CreatedAt);
        (V1EventNumber, V1Version, V1PreviousVersion, V1Direction, V1CreatedAt) = (0, null, null, default, default);
    }
}
