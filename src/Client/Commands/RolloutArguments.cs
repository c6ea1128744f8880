namespace AddonGrains.Client.Commands;

/// <summary>The ORG and ADDON arguments shared by the per-rollout commands.</summary>
internal static class RolloutArguments
{
    public static Argument<string> Organization() => new("ORG") { Description = "Organization: its configured name or its orgId" };

    public static Argument<string> Addon() => new("ADDON") { Description = "OCM add-on id, e.g. acm" };
}
