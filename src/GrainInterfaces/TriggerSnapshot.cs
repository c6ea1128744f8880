namespace AddonGrains.GrainInterfaces;

/// <summary>One row of <c>addongrains history</c>: a trigger and how far it got (docs/cli.md).</summary>
[GenerateSerializer, Immutable, Alias("trigger-snapshot")]
public sealed record TriggerSnapshot(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string Version,
    [property: Id(2)] string? PreviousVersion,
    [property: Id(3)] UpgradeDirection Direction,
    [property: Id(4)] string Instance,
    [property: Id(5)] string Job,
    [property: Id(6)] TriggerStatus Status,
    [property: Id(7)] int Attempts,
    [property: Id(8)] long? QueueId,
    [property: Id(9)] int? BuildNumber,
    [property: Id(10)] string? BuildUrl,
    [property: Id(11)] string? Result,
    [property: Id(12)] string? LastError,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt);
