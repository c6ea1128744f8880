using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>The result of <see cref="IValidationGrain.ValidateAsync"/>: one entry per check, in a stable order.</summary>
[GenerateSerializer, Immutable, Alias("validation-report")]
public sealed record ValidationReport(
    [property: Id(0)] ImmutableArray<ValidationCheck> Checks,
    [property: Id(1)] DateTimeOffset CheckedAt)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}
