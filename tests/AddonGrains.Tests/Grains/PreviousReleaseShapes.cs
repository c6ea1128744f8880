namespace AddonGrains.Tests.Grains;

// The shapes older releases store and send, copied from their code with the same [Id]s under test-only aliases: what
// a silo of such a release reads from state or a request written by this one during a rolling upgrade
// (docs/persistence.md, "Rolling upgrades"). No type name is written for a field (or root) whose runtime type is its
// declared type, so bytes of the current type read as these.

/// <summary>The previous release's <c>RolloutState</c> (schema 1), as far as its trigger records.</summary>
[GenerateSerializer, Alias("test-old-rollout-state")]
internal sealed class OldRolloutState
{
    [Id(0)] public int Schema { get; set; }
    [Id(1)] public string? LastKnownVersion { get; set; }
    [Id(11)] public List<OldTriggerRecord> Triggers { get; set; } = [];
}

/// <summary>The previous release's <c>TriggerRecord</c>: the event's facts in fields of the record.</summary>
[GenerateSerializer, Alias("test-old-trigger-record")]
internal sealed class OldTriggerRecord
{
    [Id(0)] public string TriggerId { get; set; } = "";
    [Id(1)] public int EventNumber { get; set; }
    [Id(2)] public string Version { get; set; } = "";
    [Id(3)] public string? PreviousVersion { get; set; }
    [Id(4)] public UpgradeDirection Direction { get; set; }
    [Id(5)] public string Instance { get; set; } = "";
    [Id(6)] public string Job { get; set; } = "";
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public bool Submitted { get; set; }
}

/// <summary>The previous release's <c>TriggerRequest</c> (stored by trigger state schemas 1 and 2, and sent to trigger grains).</summary>
[GenerateSerializer, Immutable, Alias("test-old-trigger-request")]
internal sealed record OldTriggerRequest(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string Organization,
    [property: Id(2)] string OrgId,
    [property: Id(3)] string OcmEnvironment,
    [property: Id(4)] string Addon,
    [property: Id(5)] string Version,
    [property: Id(6)] string? PreviousVersion,
    [property: Id(7)] UpgradeDirection Direction,
    [property: Id(8)] string Instance,
    [property: Id(9)] string Job,
    [property: Id(10)] ImmutableArray<JobParameter> StaticParameters,
    [property: Id(11)] DateTimeOffset CreatedAt);

/// <summary><c>TriggerState</c> schema 1: the delivery in fields of its own.</summary>
[GenerateSerializer, Alias("test-old-trigger-state")]
internal sealed class OldTriggerState
{
    [Id(0)] public int Schema { get; set; }
    [Id(1)] public OldTriggerRequest? Request { get; set; }
    [Id(2)] public TriggerStatus Status { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public long? QueueId { get; set; }
    [Id(5)] public int? BuildNumber { get; set; }
    [Id(6)] public string? BuildUrl { get; set; }
    [Id(7)] public string? Result { get; set; }
    [Id(8)] public string? LastError { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public DateTimeOffset? DispatchStartedAt { get; set; }
    [Id(11)] public DateTimeOffset? DispatchedAt { get; set; }
    [Id(12)] public int ConsecutiveFailures { get; set; }
    [Id(13)] public string? TraceParent { get; set; }
    [Id(14)] public bool JobDeclaresTriggerId { get; set; }
    [Id(15)] public DateTimeOffset? ClearAt { get; set; }
}
