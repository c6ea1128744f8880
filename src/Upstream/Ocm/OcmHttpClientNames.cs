namespace AddonGrains.Upstream.Ocm;

/// <summary>Names of the IHttpClientFactory clients registered per OCM connection.</summary>
internal static class OcmHttpClientNames
{
    public static string Api(string ocmName) => $"AddonGrains.Ocm.Api.{ocmName}";

    public static string Token(string ocmName) => $"AddonGrains.Ocm.Token.{ocmName}";
}
