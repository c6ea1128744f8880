namespace AddonGrains.GrainInterfaces;

/// <summary>Names of the grain storage providers. Tests register memory storage under the same names.</summary>
public static class StorageNames
{
    /// <summary>Organization × add-on rollout state and trigger state.</summary>
    public const string Rollouts = "rollouts";
}
