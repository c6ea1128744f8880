namespace AddonGrains.Configuration;

/// <summary>
/// <c>appInterface</c> (docs/configuration.md): qontract-server's GraphQL endpoint and its <c>Authorization</c> header value, and the
/// Vault server with the AppRole that reads the secrets app-interface references.
/// </summary>
public sealed record AppInterfaceSettings(Uri GraphqlUrl, Secret Token, Uri VaultServer, Secret RoleId, Secret SecretId)
{
    /// <summary>The qontract-server root (<c>graphqlUrl</c> without its last segment), where <c>/sha256</c> lives.</summary>
    public Uri BaseUrl => new(GraphqlUrl, "./");
}
