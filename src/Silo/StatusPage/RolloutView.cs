using System.Collections.Immutable;

namespace AddonGrains.Silo.StatusPage;

/// <summary>One organization × add-on as the status page and <c>/api/status</c> show it.</summary>
internal sealed record RolloutView(string Key, RolloutStatus Status, ImmutableArray<TriggerView> Triggers);

/// <summary>One trigger as the status page and <c>/api/status</c> show it (docs/operations.md): its request and delivery side by side, flat.</summary>
internal sealed record TriggerView(
    string TriggerId,
    string Version,
    string? PreviousVersion,
    UpgradeDirection Direction,
    string Instance,
    string Job,
    TriggerStatus Status,
    int Attempts,
    long? QueueId,
    int? BuildNumber,
    string? BuildUrl,
    string? Result,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TriggerView From(TriggerSnapshot snapshot) => snapshot is { Request: var r, Request.Event: var e, Delivery: var d }
        ? new(r.TriggerId, e.Version, e.PreviousVersion, e.Direction, r.Instance, r.Job, d.Status, d.Attempts, d.QueueId, d.BuildNumber,
            d.BuildUrl, d.Result, d.LastError, e.At, d.UpdatedAt)
        : throw new ArgumentNullException(nameof(snapshot));
}
