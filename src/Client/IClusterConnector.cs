namespace AddonGrains.Client;

/// <summary>Gives the commands a connected <see cref="IClusterClient"/>; connecting happens only when a command needs it.</summary>
internal interface IClusterConnector
{
    /// <summary>
    /// Connects (once) and returns the client. Throws <see cref="CliException"/> with <see cref="ExitCodes.Unreachable"/>
    /// and a message naming where it tried when the cluster cannot be reached (starting with
    /// <c>TLS/certificate problem</c> when a certificate was refused), or <see cref="ExitCodes.Usage"/> for unusable TLS files.
    /// </summary>
    Task<IClusterClient> ConnectAsync(GatewayAddress gateway, ClientTlsOptions tls, CancellationToken cancellationToken);

    /// <summary>The subject of the client certificate the connection was made with; null without TLS (or before connecting).</summary>
    string? CertificateSubject { get; }
}
