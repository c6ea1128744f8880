using System.Net;
using System.Net.Sockets;

namespace AddonGrains.Testing;

/// <summary>
/// A free loopback TCP port, chosen by the OS (released before use; good enough on a test machine). The OS may hand
/// a just-released port out again, so two calls in a row (a silo's silo, gateway and HTTP ports) could get the same
/// one; a port is therefore never returned twice by one test process.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock GivenLock = new();

    public static int Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            lock (GivenLock)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }

            if (attempt == 1000)
            {
                throw new InvalidOperationException($"no loopback port that this process has not used already after {attempt} tries");
            }
        }
    }
}
