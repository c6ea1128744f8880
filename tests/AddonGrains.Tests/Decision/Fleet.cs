using AddonGrains.Grains.Decision;

namespace AddonGrains.Tests.Decision;

/// <summary>Builds observations for decision-rule cases: <c>Fleet.Of(Ready("c1", "2.0.0"), NotReady("c2", "hibernating"))</c>.</summary>
internal static class Fleet
{
    public const string Addon = "acm";

    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static ImmutableArray<ClusterObservation> Of(params ClusterObservation[] clusters) => [.. clusters];

    public static ClusterObservation Ready(string id, string? version, string addonState = "ready") =>
        new(id, $"name-{id}", "ready", [new AddonInstallation(Addon, version, addonState), new AddonInstallation("other", "9.9.9", "ready")], T0);

    public static ClusterObservation WithoutAddon(string id) =>
        new(id, $"name-{id}", "ready", [new AddonInstallation("other", "1.0.0", "ready")], T0);

    public static ClusterObservation NotReady(string id, string state) => new(id, $"name-{id}", state, default, T0);

    public static DecisionInput Input(ImmutableArray<ClusterObservation> clusters, string? lastKnown,
        AddonGrains.Configuration.RolloutPolicy? policy = null, RolloutMemory? memory = null, DateTimeOffset? now = null, string? error = null) =>
        new(Addon, clusters, error, lastKnown, memory ?? RolloutMemory.Empty, policy ?? AddonGrains.Configuration.RolloutPolicy.Default, now ?? T0);
}
