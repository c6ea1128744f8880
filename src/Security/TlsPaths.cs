namespace AddonGrains.Security;

/// <summary>
/// The three PEM files of mutual TLS (docs/configuration.md): this process's certificate, its private key, and the CA bundle
/// every peer's certificate must chain to. Each path carries the name of the setting it came from, for messages.
/// </summary>
public sealed record TlsPaths(TlsPath Certificate, TlsPath Key, TlsPath Ca)
{
    public const string CertificateVariable = "Orleans__Tls__Certificate";
    public const string KeyVariable = "Orleans__Tls__Key";
    public const string CaVariable = "Orleans__Tls__Ca";

    /// <summary>
    /// All three set: TLS on. None set: null (TLS off). Some set: an error naming the missing ones, because a half
    /// configured TLS must never quietly become plaintext.
    /// </summary>
    public static TlsPaths? From(TlsPath certificate, TlsPath key, TlsPath ca)
    {
        TlsPath[] all = [certificate, key, ca];
        var missing = all.Where(p => string.IsNullOrWhiteSpace(p.Value)).ToList();
        if (missing.Count == all.Length)
        {
            return null;
        }

        if (missing.Count > 0)
        {
            var set = string.Join(", ", all.Except(missing).Select(p => p.Setting));
            throw new TlsSettingException(missing[0].Setting,
                $"not set, but {set} {(all.Length - missing.Count == 1 ? "is" : "are")}: mutual TLS needs all three of {string.Join(", ", all.Select(p => p.Setting))} (or none)");
        }

        return new TlsPaths(certificate, key, ca);
    }

    /// <summary>The three settings from environment variables (or configuration keys with <c>:</c>), as the silo reads them.</summary>
    public static TlsPaths? FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return From(new(CertificateVariable, variable(CertificateVariable)), new(KeyVariable, variable(KeyVariable)), new(CaVariable, variable(CaVariable)));
    }

    public IEnumerable<TlsPath> All => [Certificate, Key, Ca];
}
