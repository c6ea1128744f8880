namespace AddonGrains.Grains.Fleet;

/// <summary>The key of an <see cref="IClusterGrain"/>: <c>{ocm environment}/{cluster id}</c>.</summary>
public static class ClusterKey
{
    public static string For(string ocm, string clusterId) => $"{ocm}/{clusterId}";

    public static (string Ocm, string ClusterId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? throw new ArgumentException($"'{key}' is not a cluster key", nameof(key)) : (key[..slash], key[(slash + 1)..]);
    }
}
