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
}
