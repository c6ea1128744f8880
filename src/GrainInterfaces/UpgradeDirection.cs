namespace AddonGrains.GrainInterfaces;

/// <summary>Why a trigger exists (<c>direction</c> in docs/cli.md).</summary>
[GenerateSerializer, Alias("upgrade-direction")]
public enum UpgradeDirection
{
    /// <summary>The new version is semantically higher.</summary>
    Upgrade = 0,
    /// <summary>The new version is semantically lower (a rollback).</summary>
    Downgrade = 1,
    /// <summary>The versions are not comparable as semantic versions.</summary>
    Change = 2,
    /// <summary>First sight of the add-on under <c>firstSeen: trigger</c>.</summary>
    First = 3,
    /// <summary>Asked for by an operator (<c>addongrains retrigger</c>).</summary>
    Manual = 4,
}
