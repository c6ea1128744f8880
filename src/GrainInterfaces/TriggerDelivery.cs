namespace AddonGrains.GrainInterfaces;

/// <summary>
/// How far one trigger's delivery got: the trigger grain's own part of its state and of a <see cref="TriggerSnapshot"/>
/// (the other part is the <see cref="TriggerRequest"/> it was handed). Changed only by the delivery steps
/// (docs/architecture.md, "Triggers").
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-delivery")]
public sealed record TriggerDelivery
{
    [Id(0)] public TriggerStatus Status { get; init; }
    [Id(1)] public int Attempts { get; init; }
    [Id(2)] public long? QueueId { get; init; }
    [Id(3)] public int? BuildNumber { get; init; }
    [Id(4)] public string? BuildUrl { get; init; }
    /// <summary>The Jenkins result of the finished build.</summary>
    [Id(5)] public string? Result { get; init; }
    [Id(6)] public string? LastError { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Set (and written) just before a POST: while set and not confirmed, the dispatch is unconfirmed.</summary>
    [Id(8)] public DateTimeOffset? DispatchStartedAt { get; init; }
    [Id(9)] public DateTimeOffset? DispatchedAt { get; init; }
    [Id(10)] public int ConsecutiveFailures { get; init; }
    /// <summary>Whether the job declared TRIGGER_ID at the last dispatch (exactly-once needs it).</summary>
    [Id(11)] public bool JobDeclaresTriggerId { get; init; }

    /// <summary>A trigger not handed to its trigger grain yet: Pending, with <paramref name="why"/> as its last error.</summary>
    public static TriggerDelivery NotHandedOver(string? why, DateTimeOffset createdAt) =>
        new() { Status = TriggerStatus.Pending, LastError = why, UpdatedAt = createdAt };
}
