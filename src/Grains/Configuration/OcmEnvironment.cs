namespace AddonGrains.Grains.Configuration;

/// <summary>One entry of <c>ocm:</c>.</summary>
public sealed record OcmEnvironment(string Name, Uri Url, Uri AccessTokenUrl, string AccessTokenClientId, Secret AccessTokenClientSecret);
