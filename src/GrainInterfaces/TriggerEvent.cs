namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The convergence event a trigger is for: its facts, the same for every job triggered by it. The rollout keeps it in
/// each trigger record until the hand-over, and the trigger grain gets it in its <see cref="TriggerRequest"/>
/// (docs/architecture.md, "Triggers: one shape"). A new fact of the event is a new field here and where it is used.
/// </summary>
/// <param name="Number">The rollout's event counter at this event (part of the <c>TRIGGER_ID</c>); 0 in a trigger grain's
/// request stored before it was carried (trigger state schema 2, docs/persistence.md).</param>
/// <param name="Version">The version the fleet converged on (<c>ADDON_VERSION</c>), or the last known one for a manual trigger.</param>
/// <param name="PreviousVersion">The last known version before it (<c>PREVIOUS_ADDON_VERSION</c>), if any.</param>
/// <param name="Direction">Why the trigger exists (<c>UPGRADE_DIRECTION</c>).</param>
/// <param name="At">When the rollout recorded the event (<c>createdAt</c> of its triggers).</param>
[GenerateSerializer, Immutable, Alias("trigger-event")]
public sealed record TriggerEvent(
    [property: Id(0)] int Number,
    [property: Id(1)] string Version,
    [property: Id(2)] string? PreviousVersion,
    [property: Id(3)] UpgradeDirection Direction,
    [property: Id(4)] DateTimeOffset At)
{
    /// <summary>What the flat fields of an older shape fill in, one fact at a time, as state or a request of that shape is read.</summary>
    internal static TriggerEvent Unknown { get; } = new(0, "", null, default, default);
}
