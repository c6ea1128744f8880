namespace AddonGrains.Tests.Support;

/// <summary>
/// The tests' port picker never hands one port out twice: the OS reuses a just-released port, and a silo whose HTTP
/// port equalled its gateway port failed to start ("address already in use").
/// </summary>
public sealed class FreePortTests
{
    [Fact]
    public void Next_ManyCallsInARow_NeverReturnsAPortTwice()
    {
        var ports = Enumerable.Range(0, 500).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }

    [Fact]
    public void Next_OnLinux_StaysBelowTheEphemeralRange_WhichOutgoingConnectionsUse()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var firstEphemeral = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(firstEphemeral - FreePort.Lowest >= 4000, $"this machine's ephemeral range starts at {firstEphemeral}: too low for the check");

        var ports = Enumerable.Range(0, 200).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, p => Assert.InRange(p, FreePort.Lowest, firstEphemeral - 1));
    }
}
