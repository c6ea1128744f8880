namespace AddonGrains.Grains.Configuration;

/// <summary>
/// One entry of <c>ocm:</c>. <paramref name="MaxConcurrency"/> (default 16) and <paramref name="MaxRequestsPerSecond"/>
/// (none when null) are the request budget of this OCM environment, shared by every organization of a silo.
/// </summary>
public sealed record OcmEnvironment(
    string Name,
    Uri Url,
    Uri AccessTokenUrl,
    string AccessTokenClientId,
    Secret AccessTokenClientSecret,
    int MaxConcurrency = OcmEnvironment.DefaultMaxConcurrency,
    double? MaxRequestsPerSecond = null)
{
    /// <summary>The default of <c>ocm[].maxConcurrency</c>.</summary>
    public const int DefaultMaxConcurrency = 16;
}
