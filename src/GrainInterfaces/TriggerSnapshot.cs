namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One row of <c>addongrains history</c> (docs/cli.md): the trigger's request, as its trigger grain stores it, and how
/// far its delivery got.
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-snapshot")]
public sealed record TriggerSnapshot(
    [property: Id(0)] TriggerRequest Request,
    [property: Id(1)] TriggerDelivery Delivery);
