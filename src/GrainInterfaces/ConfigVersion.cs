namespace AddonGrains.GrainInterfaces;

/// <summary>
/// One configuration a silo wants the cluster to run: its content hash and the hash it replaced on that silo
/// (null at silo start), and for app-interface the commit time (Unix seconds) of the bundle it was built from, which
/// orders bundles. Used by the registry to order versions, so an older silo never undoes a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("config-version")]
public sealed record ConfigVersion(
    [property: Id(0)] string Hash,
    [property: Id(1)] string? PreviousHash,
    [property: Id(2)] long? BundleTimestamp = null);

/// <summary>The registry's answer to <see cref="IRegistryGrain.ApplyConfigurationAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("config-apply-result")]
public sealed record ConfigApplyResult(
    [property: Id(0)] bool Applied,
    [property: Id(1)] string AppliedHash,
    [property: Id(2)] int Active,
    [property: Id(3)] int Removed,
    [property: Id(4)] string? Reason);
