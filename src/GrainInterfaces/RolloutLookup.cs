using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The rollout keys matching an organization (configured name or orgId) and/or an add-on, sorted; or, when the
/// organization or add-on is unknown, an <see cref="Error"/> that lists the known ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("rollout-lookup")]
public sealed record RolloutLookup(
    [property: Id(0)] ImmutableArray<string> Keys,
    [property: Id(1)] string? Error = null);
