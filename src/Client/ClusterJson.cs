namespace AddonGrains.Client;

/// <summary>One element of <c>clusters -o json</c>; field names as in docs/cli.md.</summary>
internal sealed record ClusterJson(
    string ClusterId,
    string Name,
    string ClusterState,
    string? AddonState,
    string? Version,
    bool InScope,
    string? ObservedAt,
    string? DesiredVersion,
    string? HeldBy)
{
    public static ClusterJson From(ClusterStatus c) =>
        new(c.ClusterId, c.Name, c.ClusterState, c.AddonState, c.Version, c.InScope, Iso.Format(c.ObservedAt), c.DesiredVersion, c.HeldBy);
}
