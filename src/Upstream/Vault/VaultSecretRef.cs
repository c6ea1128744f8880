namespace AddonGrains.Upstream.Vault;

/// <summary>An app-interface secret reference (<c>{path, field, version?, format?}</c>); format <c>plain</c> (default) or <c>base64</c>.</summary>
public sealed record VaultSecretRef(string Path, string Field, int? Version = null, string? Format = null);

/// <summary>Vault could not give a secret. The message names the path and field, never a token or a value.</summary>
public sealed class VaultException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
