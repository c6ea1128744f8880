namespace AddonGrains.Grains.Triggers;

/// <summary>
/// The durable state of one trigger, written before every external call: the request it was handed and how far its
/// delivery got (docs/persistence.md). Schema 3. Schema 1 kept the delivery in fields of its own, schemas 1 and 2 kept
/// the request's event facts in fields of the request: those fields are read into <see cref="Delivery"/> and the
/// request's <see cref="TriggerRequest.Event"/>, and still written, for silos of older releases during a rolling
/// upgrade (docs/persistence.md, "Rolling upgrades").
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

    // Schema 1's fields (the delivery), written for silos of the release that stored it: views of Delivery that store
    // nothing; their setters are for the serializer only. Reading state of that schema fills Delivery from them;
    // Delivery's field (Id 16) is read after them and wins when present. Drop them one release later
    // (docs/persistence.md, "Rolling upgrades").
    [Id(2)] internal TriggerStatus V1Status { get => Delivery.Status; set => Delivery = Delivery with { Status = value }; }
    [Id(3)] internal int V1Attempts { get => Delivery.Attempts; set => Delivery = Delivery with { Attempts = value }; }
    [Id(4)] internal long? V1QueueId { get => Delivery.QueueId; set => Delivery = Delivery with { QueueId = value }; }
    [Id(5)] internal int? V1BuildNumber { get => Delivery.BuildNumber; set => Delivery = Delivery with { BuildNumber = value }; }
    [Id(6)] internal string? V1BuildUrl { get => Delivery.BuildUrl; set => Delivery = Delivery with { BuildUrl = value }; }
    [Id(7)] internal string? V1Result { get => Delivery.Result; set => Delivery = Delivery with { Result = value }; }
    [Id(8)] internal string? V1LastError { get => Delivery.LastError; set => Delivery = Delivery with { LastError = value }; }
    [Id(9)] internal DateTimeOffset V1UpdatedAt { get => Delivery.UpdatedAt; set => Delivery = Delivery with { UpdatedAt = value }; }
    [Id(10)] internal DateTimeOffset? V1DispatchStartedAt { get => Delivery.DispatchStartedAt; set => Delivery = Delivery with { DispatchStartedAt = value }; }
    [Id(11)] internal DateTimeOffset? V1DispatchedAt { get => Delivery.DispatchedAt; set => Delivery = Delivery with { DispatchedAt = value }; }
    [Id(12)] internal int V1ConsecutiveFailures { get => Delivery.ConsecutiveFailures; set => Delivery = Delivery with { ConsecutiveFailures = value }; }
    [Id(14)] internal bool V1JobDeclaresTriggerId { get => Delivery.JobDeclaresTriggerId; set => Delivery = Delivery with { JobDeclaresTriggerId = value }; }

    /// <summary>
    /// Brings state stored by an older schema to <see cref="CurrentSchema"/> (in memory; written with the next change): its
    /// fields were read into the current shape already, so only the number changes.
    /// </summary>
    public void Migrate() => Schema = CurrentSchema;
}
