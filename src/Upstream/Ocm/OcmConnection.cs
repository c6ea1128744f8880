namespace AddonGrains.Upstream.Ocm;

/// <summary>How to reach one OCM environment. The secret is never part of <see cref="ToString"/>.</summary>
public sealed record OcmConnection(string Name, Uri Url, Uri AccessTokenUrl, string ClientId, string ClientSecret)
{
    public override string ToString() => $"OcmConnection {{ Name = {Name}, Url = {Url}, ClientId = {ClientId} }}";
}
