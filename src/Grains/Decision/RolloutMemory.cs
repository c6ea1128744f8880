namespace AddonGrains.Grains.Decision;

/// <summary>What the decision rule remembers between checks of one organization × add-on.</summary>
/// <param name="RolloutStartedAt">When the current rollout (fleet not converged on the last known version) was first seen.</param>
/// <param name="ConvergedVersion">The new version the fleet is converged on while it soaks.</param>
/// <param name="ConvergedSince">Since when it has been converged on <paramref name="ConvergedVersion"/>.</param>
public sealed record RolloutMemory(DateTimeOffset? RolloutStartedAt, string? ConvergedVersion, DateTimeOffset? ConvergedSince)
{
    public static RolloutMemory Empty { get; } = new(null, null, null);
}
