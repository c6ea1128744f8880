namespace AddonGrains.Configuration;

/// <summary>
/// One entry of <c>ocm:</c>. <paramref name="MaxConcurrency"/> (default 16) and <paramref name="MaxRequestsPerSecond"/>
/// (none when null) are the request budget of this OCM environment, shared by every organization of a silo.
/// <paramref name="AddonsApi"/> is where clusters' add-ons are read (default the add-on service); <paramref name="AddonStatus"/>
/// whether the add-on service's status conditions of the subscribed add-ons are read too (default: with the add-on service).
/// </summary>
public sealed record OcmEnvironment(
    string Name,
    Uri Url,
    Uri AccessTokenUrl,
    string AccessTokenClientId,
    Secret AccessTokenClientSecret,
    int MaxConcurrency = OcmEnvironment.DefaultMaxConcurrency,
    double? MaxRequestsPerSecond = null,
    AddonsApi AddonsApi = AddonsApi.AddonsMgmt,
    bool AddonStatus = true)
{
    /// <summary>The default of <c>ocm[].maxConcurrency</c>.</summary>
    public const int DefaultMaxConcurrency = 16;
}
