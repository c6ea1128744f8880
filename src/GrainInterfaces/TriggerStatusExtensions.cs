namespace AddonGrains.GrainInterfaces;

/// <summary>Questions about a <see cref="TriggerStatus"/>.</summary>
public static class TriggerStatusExtensions
{
    /// <summary>True once the trigger will not change any more (a build result, Cancelled or DeliveryFailed).</summary>
    public static bool IsFinished(this TriggerStatus status) =>
        status is not (TriggerStatus.Pending or TriggerStatus.Dispatched or TriggerStatus.Running);
}
