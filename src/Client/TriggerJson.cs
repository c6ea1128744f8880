using System.Text.Json.Serialization;

namespace AddonGrains.Client;

/// <summary>
/// One element of <c>history -o json</c>; field names as in docs/cli.md, direction lowercase. Manual rows
/// also carry <c>actor</c> and <c>reason</c>; a baseline, pause or resume is a row with that direction (<c>baseline</c>,
/// <c>pause</c>, <c>resume</c>), status <c>Recorded</c> and no trigger id, instance or job.
/// </summary>
internal sealed record TriggerJson(
    string? TriggerId,
    string Version,
    string? PreviousVersion,
    string Direction,
    string? Instance,
    string? Job,
    string Status,
    int Attempts,
    long? QueueId,
    int? BuildNumber,
    string? BuildUrl,
    string? Result,
    string? LastError,
    string? CreatedAt,
    string? UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    public const string RecordedStatus = "Recorded";

    public static TriggerJson From(TriggerSnapshot t) => t is { Request: var r, Request.Event: var e, Delivery: var d }
        ? new(r.TriggerId, e.Version, e.PreviousVersion, DirectionName(e.Direction), r.Instance, r.Job, d.Status.ToString(), d.Attempts,
            d.QueueId, d.BuildNumber, d.BuildUrl, d.Result, d.LastError, Iso.Format(e.At), Iso.Format(d.UpdatedAt))
        : throw new ArgumentNullException(nameof(t));

    public static TriggerJson From(HistoryRow row) => row switch
    {
        { Trigger: { } t, Manual: var m } => From(t) with { Actor = m?.Actor, Reason = m?.Reason },
        { Manual: { } m } => new(null, m.Version, m.PreviousVersion, m.Action, null, null, RecordedStatus, 0, null, null, null, null, null,
            Iso.Format(m.At), Iso.Format(m.At), m.Actor, m.Reason),
        _ => throw new ArgumentException("a history row is a trigger or a manual action", nameof(row)),
    };

    public static string DirectionName(UpgradeDirection direction) => direction switch
    {
        UpgradeDirection.Upgrade => "upgrade",
        UpgradeDirection.Downgrade => "downgrade",
        UpgradeDirection.Change => "change",
        UpgradeDirection.First => "first",
        UpgradeDirection.Manual => "manual",
        _ => direction.ToString().ToLowerInvariant(),
    };
}
