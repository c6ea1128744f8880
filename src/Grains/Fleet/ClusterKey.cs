namespace AddonGrains.Grains.Fleet;

/// <summary>
/// The key of an <see cref="IClusterGrain"/>: <c>{organization}/{ocm environment}/{cluster id}</c>. The organization
/// comes first so the grain lives with its organization's other grains (<see cref="Placement.OrganizationPlacement"/>).
/// </summary>
public static class ClusterKey
{
    public static string For(string organization, string ocm, string clusterId) => $"{organization}/{ocm}/{clusterId}";

    public static (string Organization, string Ocm, string ClusterId) Parse(string key)
    {
        var parts = key.Split('/', 3);
        return parts.Length != 3 || parts.Any(p => p.Length == 0)
            ? throw new ArgumentException($"'{key}' is not a cluster key of the form organization/ocm/cluster", nameof(key))
            : (parts[0], parts[1], parts[2]);
    }
}
