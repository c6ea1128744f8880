
namespace AddonGrains.Grains.Decision;

/// <summary>Everything one decision needs; nothing else is read (no clock, no I/O).</summary>
/// <param name="Addon">The add-on id.</param>
/// <param name="Clusters">The organization's clusters as one check observed them (ignored when <paramref name="Error"/> is set).</param>
/// <param name="Error">Why the observation is unusable (any failed or malformed OCM response), or null.</param>
/// <param name="LastKnownVersion">The recorded version, or null before the first recording.</param>
/// <param name="Memory">What earlier checks remembered.</param>
/// <param name="Policy">The organization's effective policy.</param>
/// <param name="Now">The check's time.</param>
public sealed record DecisionInput(
    string Addon,
    ImmutableArray<ClusterObservation> Clusters,
    string? Error,
    string? LastKnownVersion,
    RolloutMemory Memory,
    RolloutPolicy Policy,
    DateTimeOffset Now);
