namespace AddonGrains.GrainInterfaces;

/// <summary>Where an organization × add-on stands (docs/cli.md).</summary>
[GenerateSerializer, Alias("rollout-phase")]
public enum RolloutPhase
{
    /// <summary>No check has completed yet.</summary>
    Unchecked = 0,
    /// <summary>Every applicable cluster runs the last known version.</summary>
    Idle = 1,
    /// <summary>Clusters disagree (or the fleet is soaking / blocked): progress toward the target version.</summary>
    RollingOut = 2,
    /// <summary>A rollout older than <c>policy.stallAfter</c>.</summary>
    Stalled = 3,
    /// <summary>No cluster of the organization has the add-on: never a trigger.</summary>
    NoInstallations = 4,
    /// <summary>The last check could not get complete, well-formed data from OCM: no decision was made.</summary>
    Inconclusive = 5,
    /// <summary>An operator paused it: checks go on, new triggers are held until <c>resume</c> or the pause's end.</summary>
    Paused = 6,
}
