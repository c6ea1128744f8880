namespace AddonGrains.GrainInterfaces;

/// <summary>One add-on installation as OCM reported it. States are OCM's raw strings (unknown values kept).</summary>
[GenerateSerializer, Immutable, Alias("addon-installation")]
public sealed record AddonInstallation(
    [property: Id(0)] string AddonId,
    [property: Id(1)] string? Version,
    [property: Id(2)] string State);
