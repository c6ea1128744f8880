using System.Net;
using System.Net.Sockets;

namespace AddonGrains.Testing;

/// <summary>A free loopback TCP port, chosen by the OS (released before use; good enough on a test machine).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
