namespace AddonGrains.Grains.Decision;

/// <summary>What a check must do.</summary>
public enum DecisionKind
{
    /// <summary>Nothing to record.</summary>
    None,
    /// <summary>First sight under <c>firstSeen: baseline</c>: record the version silently.</summary>
    RecordBaseline,
    /// <summary>Record the new version and create one trigger per subscribed job, in one durable write.</summary>
    RecordAndTrigger,
    /// <summary>Record the new version without triggering (a downgrade under <c>rollbacks: skip</c>).</summary>
    RecordOnly,
}

/// <summary>The decision of one check: the version to record (if any) and the direction of the change.</summary>
public sealed record Decision(DecisionKind Kind, string? Version, UpgradeDirection? Direction)
{
    public static Decision None { get; } = new(DecisionKind.None, null, null);
}
