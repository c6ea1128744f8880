using System.Collections.Immutable;

namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One add-on installation as OCM reported it. States are OCM's raw strings (unknown values kept).
/// <see cref="DesiredVersion"/> is the add-on service's desired version (null from clusters_mgmt or when absent);
/// <see cref="Conditions"/> are its status conditions, default when they were not read.
/// </summary>
[GenerateSerializer, Immutable, Alias("addon-installation")]
public sealed record AddonInstallation(
    [property: Id(0)] string AddonId,
    [property: Id(1)] string? Version,
    [property: Id(2)] string State)
{
    [Id(3)] public string? DesiredVersion { get; init; }

    [Id(4)] public ImmutableArray<AddonCondition> Conditions { get; init; }

    /// <summary>Whether the status conditions were read.</summary>
    public bool StatusRead => !Conditions.IsDefault;

    public bool Equals(AddonInstallation? other) =>
        other is not null && AddonId == other.AddonId && Version == other.Version && State == other.State
        && DesiredVersion == other.DesiredVersion && Conditions.IsDefault == other.Conditions.IsDefault
        && (Conditions.IsDefault || Conditions.SequenceEqual(other.Conditions));

    public override int GetHashCode() => HashCode.Combine(AddonId, Version, State, DesiredVersion);
}
