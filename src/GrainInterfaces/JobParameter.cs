namespace AddonGrains.GrainInterfaces;

/// <summary>One Jenkins build parameter.</summary>
[GenerateSerializer, Immutable, Alias("job-parameter")]
public sealed record JobParameter([property: Id(0)] string Name, [property: Id(1)] string Value)
{
    /// <summary>
    /// The build parameters AddonGrains sets itself (docs/decisions.md, "Delivery"), in the documented order; a
    /// subscription's static parameter may not use these names (docs/configuration.md).
    /// </summary>
    public static readonly System.Collections.Immutable.ImmutableArray<string> ReservedNames =
        ["ADDON_ID", "ADDON_VERSION", "PREVIOUS_ADDON_VERSION", "UPGRADE_DIRECTION", "OCM_ORG_ID", "OCM_ORG_NAME", "OCM_ENVIRONMENT", "TRIGGER_ID"];
}
