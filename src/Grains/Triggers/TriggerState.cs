namespace AddonGrains.Grains.Triggers;

/// <summary>The durable state of one trigger, written before every external call. Schema 1.</summary>
[GenerateSerializer, Alias("trigger-state")]
public sealed class TriggerState
{
    public const int CurrentSchema = 1;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;
    [Id(1)] public TriggerRequest? Request { get; set; }
    [Id(2)] public TriggerStatus Status { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public long? QueueId { get; set; }
    [Id(5)] public int? BuildNumber { get; set; }
    [Id(6)] public string? BuildUrl { get; set; }
    [Id(7)] public string? Result { get; set; }
    [Id(8)] public string? LastError { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set (and written) just before a POST: while set and not confirmed, the dispatch is unconfirmed.</summary>
    [Id(10)] public DateTimeOffset? DispatchStartedAt { get; set; }
    [Id(11)] public DateTimeOffset? DispatchedAt { get; set; }
    [Id(12)] public int ConsecutiveFailures { get; set; }
    /// <summary>The W3C traceparent of the check that created the trigger: follow-up spans link back to it.</summary>
    [Id(13)] public string? TraceParent { get; set; }
    /// <summary>Whether the job declared TRIGGER_ID at the last dispatch (exactly-once needs it).</summary>
    [Id(14)] public bool JobDeclaresTriggerId { get; set; }
    /// <summary>Set when the rollout dropped this finished trigger from its history: the state is cleared at this time.</summary>
    [Id(15)] public DateTimeOffset? ClearAt { get; set; }
}
