using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One live check of the configuration. <see cref="Subject"/> names what was checked (e.g. <c>ocm integration</c>,
/// <c>organization fleet-int</c>, <c>jenkins ci-int job folder/e2e (fleet-int/acm)</c>); <see cref="Detail"/> is the
/// reason or what was found, for an operator, and never holds a secret. For a job that answered,
/// <see cref="DeclaredParameters"/> lists which of AddonGrains' parameters it declares, <see cref="Endpoint"/> is
/// <c>buildWithParameters</c> or <c>build</c>, and <see cref="Payload"/> holds the exact parameters a trigger would
/// send (placeholder values for the version and trigger id). Otherwise both arrays are empty and the endpoint null.
/// </summary>
[GenerateSerializer, Immutable, Alias("validation-check")]
public sealed record ValidationCheck(
    [property: Id(0)] string Subject,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string Detail,
    [property: Id(3)] ImmutableArray<string> DeclaredParameters,
    [property: Id(4)] ImmutableArray<JobParameter> Payload,
    [property: Id(5)] string? Endpoint)
{
    /// <summary>A check that is not about a job's parameters.</summary>
    public static ValidationCheck Of(string subject, bool passed, string detail) => new(subject, passed, detail, [], [], null);
}
