using System.Globalization;
using AddonGrains.Security;

namespace AddonGrains.Client;

/// <summary>How the CLI finds the cluster, from the same environment variables the silo reads (docs/configuration.md, docs/cli.md).</summary>
internal sealed record ConnectionSettings(string? ConnectionString, string ClusterId, string ServiceId, TimeSpan ConnectTimeout)
{
    public const string ConnectionStringVariable = "ConnectionStrings__Orleans";
    public const string ConnectTimeoutVariable = "ADDONGRAINS_CONNECT_TIMEOUT";
    public const string DefaultId = "addongrains";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public static ConnectionSettings FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        var timeout = DefaultConnectTimeout;
        if (variable(ConnectTimeoutVariable) is { Length: > 0 } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"{ConnectTimeoutVariable}='{text}' is not a positive number of seconds");
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        return new ConnectionSettings(
            NullIfEmpty(variable(ConnectionStringVariable)),
            NullIfEmpty(variable("Orleans__ClusterId")) ?? DefaultId,
            NullIfEmpty(variable("Orleans__ServiceId")) ?? DefaultId,
            timeout)
        {
            Tls = new ClientTlsOptions(
                NullIfEmpty(variable(TlsPaths.CertificateVariable)), NullIfEmpty(variable(TlsPaths.KeyVariable)), NullIfEmpty(variable(TlsPaths.CaVariable))),
        };
    }

    /// <summary>The <c>Orleans__Tls__*</c> files from the environment; the <c>--tls-*</c> options override them one by one.</summary>
    public ClientTlsOptions Tls { get; init; } = ClientTlsOptions.None;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
