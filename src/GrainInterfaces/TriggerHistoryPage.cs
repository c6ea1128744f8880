using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One page of <c>addongrains history</c>: triggers newest first. <see cref="Error"/> is set (and the page empty) when
/// the <c>before</c> trigger id is not in the rollout's history.
/// </summary>
[GenerateSerializer, Immutable, Alias("trigger-history-page")]
public sealed record TriggerHistoryPage(
    [property: Id(0)] ImmutableArray<TriggerSnapshot> Triggers,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] string? Error = null);
