namespace AddonGrains.GrainInterfaces;

/// <summary>The lifecycle of one trigger (docs/decisions.md, "Delivery").</summary>
[GenerateSerializer, Alias("trigger-status")]
public enum TriggerStatus
{
    Pending = 0,
    Dispatched = 1,
    Running = 2,
    Succeeded = 3,
    Unstable = 4,
    Failed = 5,
    Aborted = 6,
    NotBuilt = 7,
    Cancelled = 8,
    DeliveryFailed = 9,
}
