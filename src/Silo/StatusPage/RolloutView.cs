using System.Collections.Immutable;

namespace AddonGrains.Silo.StatusPage;

/// <summary>One organization × add-on as the status page and <c>/api/status</c> show it.</summary>
internal sealed record RolloutView(string Key, RolloutStatus Status, ImmutableArray<TriggerSnapshot> Triggers);
