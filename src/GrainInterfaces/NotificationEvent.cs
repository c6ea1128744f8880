namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One event to announce. <see cref="Id"/> is derived from durable facts (the rollout, the convergence event, the
/// TRIGGER_ID and the kind), so the same event recorded twice is recognised and a receiver can dedupe on it.
/// </summary>
[GenerateSerializer, Immutable, Alias("notification-event")]
public sealed record NotificationEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string Organization,
    [property: Id(3)] string OrgId,
    [property: Id(4)] string Addon,
    [property: Id(5)] string? Version,
    [property: Id(6)] string? PreviousVersion,
    [property: Id(7)] DateTimeOffset OccurredAt)
{
    /// <summary>Upgrade direction of the convergence event, when the event belongs to one.</summary>
    [Id(8)] public UpgradeDirection? Direction { get; init; }

    /// <summary>The trigger's Jenkins instance and job (trigger events).</summary>
    [Id(9)] public string? Instance { get; init; }

    [Id(10)] public string? Job { get; init; }

    [Id(11)] public string? TriggerId { get; init; }

    /// <summary>Trigger status (<c>Succeeded</c>, <c>Failed</c>, …) or the verdict (<c>passed</c>, <c>failed</c>).</summary>
    [Id(12)] public string? Result { get; init; }

    [Id(13)] public int? BuildNumber { get; init; }

    [Id(14)] public string? BuildUrl { get; init; }

    /// <summary>A reason or a summary (the delivery error, the stragglers of a stalled rollout).</summary>
    [Id(15)] public string? Detail { get; init; }
}
