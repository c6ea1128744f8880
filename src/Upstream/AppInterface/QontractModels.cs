namespace AddonGrains.Upstream.AppInterface;

/// <summary>One element of <c>ocm_instances_v1</c> with the fields the original integration reads (docs/upstream-apis.md, "qontract-server").</summary>
public sealed record OcmInstance(
    string Name,
    string OrgId,
    OcmInstanceEnvironment Environment,
    string? AccessTokenClientId,
    string? AccessTokenUrl,
    VaultSecret? AccessTokenClientSecret,
    IReadOnlyList<AddonUpgradeTestRef>? AddonUpgradeTests);

/// <summary><c>environment</c> of an OCM instance.</summary>
public sealed record OcmInstanceEnvironment(string Name, string Url, string? AccessTokenClientId, string? AccessTokenUrl, VaultSecret? AccessTokenClientSecret);

/// <summary>One <c>addonUpgradeTests</c> item.</summary>
public sealed record AddonUpgradeTestRef(NamedRef Addon, JenkinsInstanceRef Instance, string Name);

/// <summary>A <c>{ name }</c> reference.</summary>
public sealed record NamedRef(string Name);

/// <summary><c>instance { name token { … } }</c>: the token secret is a TOML document with a <c>[jenkins]</c> table.</summary>
public sealed record JenkinsInstanceRef(string Name, VaultSecret Token);

/// <summary>A Vault secret reference as app-interface writes it.</summary>
public sealed record VaultSecret(string Path, string Field, int? Version, string? Format);

/// <summary><c>GET /git-commit-info/{sha}</c>.</summary>
public sealed record CommitInfo(string Commit, long Timestamp);

/// <summary>qontract-server answered with an error (an <c>errors</c> array, a bad status, no answer).</summary>
public sealed class QontractException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
