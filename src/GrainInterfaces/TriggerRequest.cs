using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Everything a trigger needs to fire one Jenkins job once for one convergence event: the one shape of a trigger's
/// facts. Built once, when the rollout hands the trigger over (from the configuration current then), and stored by
/// the trigger grain (docs/architecture.md, "Triggers"). A new fact is a new field here and where it is used.
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-request")]
public sealed record TriggerRequest(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string Organization,
    [property: Id(2)] string OrgId,
    [property: Id(3)] string OcmEnvironment,
    [property: Id(4)] string Addon,
    [property: Id(5)] string Version,
    [property: Id(6)] string? PreviousVersion,
    [property: Id(7)] UpgradeDirection Direction,
    [property: Id(8)] string Instance,
    [property: Id(9)] string Job,
    [property: Id(10)] ImmutableArray<JobParameter> StaticParameters,
    [property: Id(11)] DateTimeOffset CreatedAt);
