using AddonGrains.Security;

namespace AddonGrains.Client;

/// <summary>The CLI's three TLS files, as given by <c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-ca</c> or the environment.</summary>
internal sealed record ClientTlsOptions(string? Certificate, string? Key, string? Ca)
{
    public static readonly ClientTlsOptions None = new(null, null, null);

    /// <summary>
    /// The paths, each named by where it came from (the option, else the environment variable), or null when none of
    /// the three is set. Throws <see cref="TlsSettingException"/> when only some are.
    /// </summary>
    public TlsPaths? Resolve(ClientTlsOptions environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return TlsPaths.From(
            Pick(Certificate, "--tls-cert", environment.Certificate, TlsPaths.CertificateVariable),
            Pick(Key, "--tls-key", environment.Key, TlsPaths.KeyVariable),
            Pick(Ca, "--tls-ca", environment.Ca, TlsPaths.CaVariable));
    }

    private static TlsPath Pick(string? option, string optionName, string? variable, string variableName) =>
        option is not null ? new(optionName, option)
        : variable is not null ? new(variableName, variable)
        : new($"{optionName} (or {variableName})", null);
}
