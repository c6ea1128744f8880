using System.Net;
using System.Net.Sockets;

namespace AddonGrains.Testing;

/// <summary>
/// A free loopback TCP port for a process a test starts, checked free by binding it and released before use.
/// Two races make that unsafe with a port the OS picks (port 0), both seen as "address already in use":
/// <list type="bullet">
/// <item>the OS hands a just-released port out again, so two calls in a row (a silo's silo, gateway and HTTP ports)
/// could get the same one: a port is never returned twice by one test process;</item>
/// <item>between the check and the silo's bind, seconds on a busy machine, any outgoing connection of any process may
/// get the port as its local (ephemeral) port: ports are taken below the OS's ephemeral range
/// (<c>/proc/sys/net/ipv4/ip_local_port_range</c>), which no outgoing connection uses, at random so that test
/// processes running side by side rarely try the same one.</item>
/// </list>
/// </summary>
public static class FreePort
{
    /// <summary>The lowest port handed out: above the well-known and most registered service ports.</summary>
    public const int Lowest = 20000;

    private static readonly HashSet<int> Given = [];
    private static readonly Lock GivenLock = new();

    /// <summary>The ports handed out: [<see cref="Lowest"/>, first ephemeral port); the whole unprivileged range when that is too small.</summary>
    public static (int Lowest, int Highest) Range { get; } = ReadRange();

    public static int Next()
    {
        for (var attempt = 0; attempt <= 1000; attempt++)
        {
            var port = Random.Shared.Next(Range.Lowest, Range.Highest + 1);
            lock (GivenLock)
            {
                if (Given.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port in {Range.Lowest}-{Range.Highest} that this process has not used already after 1000 tries");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int, int) ReadRange()
    {
        const string ephemeral = "/proc/sys/net/ipv4/ip_local_port_range";
        var parts = File.Exists(ephemeral) ? File.ReadAllText(ephemeral).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        return parts.Length > 0 && int.TryParse(parts[0], out var firstEphemeral) && firstEphemeral - Lowest >= 4000
            ? (Lowest, firstEphemeral - 1)
            : (1024, 65535);
    }
}
