using System.Globalization;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Container-like hosts made by the test itself (root only): one network namespace per host, each with a veth pair
/// whose other end is on a bridge in the test's namespace, all on a private /24 nobody else uses. The test process is
/// reachable at <see cref="Gateway"/>. Everything is removed on dispose, also after a failure half-way.
/// </summary>
internal sealed class NetworkNamespaces : IAsyncDisposable
{
    private readonly string _id = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..6].ToLowerInvariant();
    private readonly List<string> _namespaces = [];
    private bool _bridge;

    private NetworkNamespaces(string subnet) => Subnet = subnet;

    /// <summary>The first three octets, e.g. <c>10.231.17</c>.</summary>
    public string Subnet { get; }

    /// <summary>The test process's address on the bridge.</summary>
    public string Gateway => $"{Subnet}.1";

    public IReadOnlyList<string> Addresses => [.. _namespaces.Select((_, i) => $"{Subnet}.{i + 11}")];

    private string Bridge => $"agbr{_id}";

    /// <summary>Skips the test with a message unless this process is root and <c>ip</c> is there.</summary>
    public static async Task<NetworkNamespaces> CreateAsync(int hosts, CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("network namespaces need root (ip netns); this test runs where the tests run as root, e.g. CI");
        }

        var used = await ProcessRunner.RunCheckedAsync("ip", ["-4", "-o", "addr"], ct);
        var third = Enumerable.Range(0, 50).Select(_ => Random.Shared.Next(1, 255)).First(n => !used.Contains($" 10.231.{n}.", StringComparison.Ordinal));
        var network = new NetworkNamespaces(string.Create(CultureInfo.InvariantCulture, $"10.231.{third}"));
        try
        {
            await network.SetUpAsync(hosts, ct);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a program inside host <paramref name="address"/>'s namespace.</summary>
    public string[] Launcher(string address) => ["ip", "netns", "exec", _namespaces[Addresses.ToList().IndexOf(address)]];

    private async Task SetUpAsync(int hosts, CancellationToken ct)
    {
        await Ip(ct, "link", "add", Bridge, "type", "bridge");
        _bridge = true;
        await Ip(ct, "addr", "add", $"{Gateway}/24", "dev", Bridge);
        await Ip(ct, "link", "set", Bridge, "up");
        for (var i = 0; i < hosts; i++)
        {
            var ns = $"ag{_id}n{i}";
            var (outside, inside) = ($"ag{_id}h{i}", $"ag{_id}c{i}");
            await Ip(ct, "netns", "add", ns);
            _namespaces.Add(ns);
            await Ip(ct, "link", "add", outside, "type", "veth", "peer", "name", inside);
            await Ip(ct, "link", "set", inside, "netns", ns);
            await Ip(ct, "link", "set", outside, "master", Bridge, "up");
            await Ip(ct, "-n", ns, "addr", "add", $"{Addresses[i]}/24", "dev", inside);
            await Ip(ct, "-n", ns, "link", "set", inside, "up");
            await Ip(ct, "-n", ns, "link", "set", "lo", "up");
        }
    }

    private static Task<string> Ip(CancellationToken ct, params string[] arguments) => ProcessRunner.RunCheckedAsync("ip", arguments, ct);

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace deletes the veth pair in it; then the bridge. Never cancelled: always clean up.
        foreach (var ns in _namespaces)
        {
            await ProcessRunner.RunAsync("ip", ["netns", "del", ns], CancellationToken.None);
        }

        if (_bridge)
        {
            await ProcessRunner.RunAsync("ip", ["link", "del", Bridge], CancellationToken.None);
        }
    }
}
