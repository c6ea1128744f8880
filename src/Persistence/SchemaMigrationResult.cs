namespace AddonGrains.Persistence;

/// <summary>The outcome of <see cref="SchemaMigrator.ApplyAsync"/>.</summary>
/// <param name="AppliedVersions">Versions applied by this call, in order; empty when the database was up to date.</param>
/// <param name="CurrentVersion">The database's schema version after the call.</param>
/// <param name="LatestVersion">The newest version this build ships.</param>
public sealed record SchemaMigrationResult(IReadOnlyList<int> AppliedVersions, int CurrentVersion, int LatestVersion)
{
    /// <summary>True when this call applied nothing.</summary>
    public bool WasUpToDate => AppliedVersions.Count == 0;
}
