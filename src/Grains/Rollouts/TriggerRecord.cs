namespace AddonGrains.Grains.Rollouts;

/// <summary>A trigger the rollout grain created: enough to (re)submit it, and whether it was handed over.</summary>
[GenerateSerializer, Alias("trigger-record")]
public sealed class TriggerRecord
{
    [Id(0)] public string TriggerId { get; set; } = "";
    [Id(1)] public int EventNumber { get; set; }
    [Id(2)] public string Version { get; set; } = "";
    [Id(3)] public string? PreviousVersion { get; set; }
    [Id(4)] public UpgradeDirection Direction { get; set; }
    [Id(5)] public string Instance { get; set; } = "";
    [Id(6)] public string Job { get; set; } = "";
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>True once the trigger grain accepted it; false ones are submitted again after a crash.</summary>
    [Id(8)] public bool Submitted { get; set; }
}
