using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// The verdict of one organization × add-on × version, with the latest trigger of each job for that version (oldest
/// job first) and a one-line <see cref="Reason"/> that names the failed or unfinished jobs.
/// </summary>
[GenerateSerializer, Immutable, Alias("version-verdict")]
public sealed record VersionVerdict(
    [property: Id(0)] string Organization,
    [property: Id(1)] string OrgId,
    [property: Id(2)] string Addon,
    [property: Id(3)] string? Version,
    [property: Id(4)] Verdict Verdict,
    [property: Id(5)] string Reason,
    [property: Id(6)] ImmutableArray<TriggerSnapshot> Jobs,
    [property: Id(7)] string? LastKnownVersion);
