namespace AddonGrains.Client;

/// <summary>Gives the commands a connected <see cref="IClusterClient"/>; connecting happens only when a command needs it.</summary>
internal interface IClusterConnector
{
    /// <summary>
    /// Connects (once) and returns the client. Throws <see cref="CliException"/> with <see cref="ExitCodes.Unreachable"/>
    /// and a message naming where it tried when the cluster cannot be reached.
    /// </summary>
    Task<IClusterClient> ConnectAsync(GatewayAddress gateway, CancellationToken cancellationToken);
}
