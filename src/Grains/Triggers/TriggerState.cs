namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The durable state of one trigger, written before every external call: the request it was handed and how far its
/// delivery got (docs/persistence.md). Schema 3; <see cref="Migrate"/> brings older state to it when the grain activates:
/// schema 1 kept the delivery in fields of its own (moved into <see cref="Delivery"/>), schemas 1 and 2 kept the
/// request's event facts in fields of the request (moved into its <see cref="TriggerRequest.Event"/>).
/// </summary>
[GenerateSerializer, Alias("trigger-state")]
public sealed class TriggerState
{
    public const int CurrentSchema = 3;

    [Id(0)] public int Schema { get; set; } = CurrentSchema;
    [Id(1)] public TriggerRequest? Request { get; set; }
    [Id(16)] public TriggerDelivery Delivery { get; set; } = new();
    /// <summary>The W3C traceparent of the check that created the trigger: follow-up spans link back to it.</summary>
    [Id(13)] public string? TraceParent { get; set; }
    /// <summary>Set when the rollout dropped this finished trigger from its history: the state is cleared at this time.</summary>
    [Id(15)] public DateTimeOffset? ClearAt { get; set; }

    // Schema 1 fields (the delivery): only read by Migrate.
    [Id(2)] internal TriggerStatus V1Status { get; set; }
    [Id(3)] internal int V1Attempts { get; set; }
    [Id(4)] internal long? V1QueueId { get; set; }
    [Id(5)] internal int? V1BuildNumber { get; set; }
    [Id(6)] internal string? V1BuildUrl { get; set; }
    [Id(7)] internal string? V1Result { get; set; }
    [Id(8)] internal string? V1LastError { get; set; }
    [Id(9)] internal DateTimeOffset V1UpdatedAt { get; set; }
    [Id(10)] internal DateTimeOffset? V1DispatchStartedAt { get; set; }
    [Id(11)] internal DateTimeOffset? V1DispatchedAt { get; set; }
    [Id(12)] internal int V1ConsecutiveFailures { get; set; }
    [Id(14)] internal bool V1JobDeclaresTriggerId { get; set; }

    /// <summary>Brings state stored by an older schema to <see cref="CurrentSchema"/> (in memory; written with the next change).</summary>
    public void Migrate()
    {
        if (Schema < 2)
        {
            Delivery = new TriggerDelivery
            {
                Status = V1Status, Attempts = V1Attempts, QueueId = V1QueueId, BuildNumber = V1BuildNumber, BuildUrl = V1BuildUrl,
                Result = V1Result, LastError = V1LastError, UpdatedAt = V1UpdatedAt, DispatchStartedAt = V1DispatchStartedAt,
                DispatchedAt = V1DispatchedAt, ConsecutiveFailures = V1ConsecutiveFailures, JobDeclaresTriggerId = V1JobDeclaresTriggerId,
            };
            (V1Status, V1Attempts, V1QueueId, V1BuildNumber, V1BuildUrl, V1Result, V1LastError) = (default, 0, null, null, null, null, null);
            (V1UpdatedAt, V1DispatchStartedAt, V1DispatchedAt, V1ConsecutiveFailures, V1JobDeclaresTriggerId) = (default, null, null, 0, false);
        }

        if (Schema < 3)
        {
            Request = Request?.FromSchema2();
        }

        Schema = CurrentSchema;
    }
}
