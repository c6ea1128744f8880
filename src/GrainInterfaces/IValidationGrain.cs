namespace AddonGrains.GrainInterfaces;

/// <summary>
/// Checks the silo's configuration live (a single grain, key <see cref="Key"/>): OCM tokens and organization
/// listings, and each subscribed Jenkins job. Runs on the silo, so credentials never leave it.
/// </summary>
[Alias("validation")]
public interface IValidationGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "validate";

    /// <summary>
    /// Runs every check now: for each OCM environment a token and the add-on catalog, for each organization its
    /// cluster listing, and for each subscription its Jenkins job (exists, buildable, declared parameters, the
    /// payload a trigger would send). Failures are reported per check, never thrown.
    /// </summary>
    [Alias("validate")]
    Task<ValidationReport> ValidateAsync(CancellationToken cancellationToken = default);
}
