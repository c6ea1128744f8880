namespace AddonGrains.Client;

/// <summary>One element of <c>history -o json</c>; contract §6 field names, direction lowercase, status as in §5.</summary>
internal sealed record TriggerJson(
    string TriggerId,
    string Version,
    string? PreviousVersion,
    string Direction,
    string Instance,
    string Job,
    string Status,
    int Attempts,
    long? QueueId,
    int? BuildNumber,
    string? BuildUrl,
    string? Result,
    string? LastError,
    string? CreatedAt,
    string? UpdatedAt)
{
    public static TriggerJson From(TriggerSnapshot t) => new(
        t.TriggerId, t.Version, t.PreviousVersion, DirectionName(t.Direction), t.Instance, t.Job, t.Status.ToString(), t.Attempts,
        t.QueueId, t.BuildNumber, t.BuildUrl, t.Result, t.LastError, Iso.Format(t.CreatedAt), Iso.Format(t.UpdatedAt));

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
