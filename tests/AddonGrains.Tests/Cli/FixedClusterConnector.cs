using AddonGrains.Client;

namespace AddonGrains.Tests.Cli;

/// <summary>Hands the commands the in-process cluster's client instead of connecting to a gateway.</summary>
internal sealed class FixedClusterConnector(IClusterClient client) : IClusterConnector
{
    public Task<IClusterClient> ConnectAsync(GatewayAddress gateway, ClientTlsOptions tls, CancellationToken cancellationToken) => Task.FromResult(client);

    public string? CertificateSubject => null;
}
