namespace AddonGrains.Upstream.Ocm;

/// <summary>
/// How to reach one OCM environment, and its request budget: at most <paramref name="MaxConcurrency"/> requests in
/// flight and, when set, at most <paramref name="MaxRequestsPerSecond"/> started per second, for all organizations
/// together (in a silo: of all silos of the cluster together). The secret is never part of <see cref="ToString"/>.
/// </summary>
public sealed record OcmConnection(
    string Name, Uri Url, Uri AccessTokenUrl, string ClientId, string ClientSecret, int MaxConcurrency = 16, double? MaxRequestsPerSecond = null)
{
    public override string ToString() =>
        $"OcmConnection {{ Name = {Name}, Url = {Url}, ClientId = {ClientId}, MaxConcurrency = {MaxConcurrency}, MaxRequestsPerSecond = {MaxRequestsPerSecond} }}";
}
