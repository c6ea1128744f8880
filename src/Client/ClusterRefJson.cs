namespace AddonGrains.Client;

/// <summary>A straggler or excluded cluster inside <see cref="StatusJson"/>.</summary>
internal sealed record ClusterRefJson(
    string ClusterId, string Name, string? Version, string? AddonState, string ClusterState, string Reason, string? DesiredVersion, string? HeldBy)
{
    public static ImmutableArray<ClusterRefJson> From(ImmutableArray<ClusterRef> clusters) => clusters.IsDefaultOrEmpty
        ? []
        : [.. clusters.Select(c => new ClusterRefJson(c.ClusterId, c.Name, c.Version, c.AddonState, c.ClusterState, c.Reason, c.DesiredVersion, c.HeldBy))];
}
