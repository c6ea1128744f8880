using System.Security.Cryptography;

namespace AddonGrains.Configuration;

/// <summary>The content hash that names one version of the configuration (shown as <c>configHash</c>).</summary>
public static class ConfigHash
{
    /// <summary>The first 16 hex digits of the SHA-256 of the file's bytes.</summary>
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];
}
