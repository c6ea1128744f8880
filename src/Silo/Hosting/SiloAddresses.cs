using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AddonGrains.Silo.Hosting;

/// <summary>
/// The address a silo advertises in the membership table and the address it listens on (docs/configuration.md):
/// <c>Orleans__AdvertisedIP</c> (an IP address, or <c>auto</c> = the host's first non-loopback address), else
/// <c>POD_IP</c>, else loopback. An explicit IP is also the listening address; <c>auto</c> and <c>POD_IP</c> listen on
/// every address (the container or pod has only its own).
/// </summary>
internal sealed record SiloAddresses(IPAddress Advertised, IPAddress Listening, string Source)
{
    public const string AdvertisedIPVariable = "Orleans__AdvertisedIP";
    public const string PodIPVariable = "POD_IP";
    public const string Auto = "auto";

    /// <summary>Loopback only: one host (the default, and local mode).</summary>
    public static SiloAddresses Loopback { get; } = new(IPAddress.Loopback, IPAddress.Loopback, "default");

    /// <summary>Single-silo local mode (no PostgreSQL): loopback, whatever the variables say.</summary>
    public static SiloAddresses LocalMode { get; } = new(IPAddress.Loopback, IPAddress.Loopback, "local mode");

    /// <summary>
    /// Resolves the addresses from <paramref name="variable"/> (environment-variable names). Throws
    /// <see cref="ArgumentException"/> naming the variable when a value is not usable.
    /// </summary>
    public static SiloAddresses Resolve(Func<string, string?> variable, Func<IEnumerable<IPAddress>>? hostAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(AdvertisedIPVariable) is { } advertised && !string.IsNullOrWhiteSpace(advertised))
        {
            advertised = advertised.Trim();
            if (string.Equals(advertised, Auto, StringComparison.OrdinalIgnoreCase))
            {
                var first = (hostAddresses ?? HostAddresses)().FirstOrDefault(IsUsable)
                    ?? throw new ArgumentException($"{AdvertisedIPVariable}=auto: this host has no non-loopback address to advertise");
                return new(first, AnyOf(first), $"{AdvertisedIPVariable}=auto");
            }

            var ip = Parse(AdvertisedIPVariable, advertised);
            return new(ip, ip, AdvertisedIPVariable);
        }

        if (variable(PodIPVariable) is { } pod && !string.IsNullOrWhiteSpace(pod))
        {
            var ip = Parse(PodIPVariable, pod.Trim());
            return new(ip, AnyOf(ip), PodIPVariable);
        }

        return Loopback;
    }

    /// <summary>Up interfaces' unicast addresses, IPv4 first, in interface order.</summary>
    public static IEnumerable<IPAddress> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1);

    public override string ToString() =>
        $"advertised {Advertised}, listening on {(IsAny(Listening) ? "all addresses" : Listening.ToString())} (from {Source})";

    private static IPAddress Parse(string name, string value)
    {
        if (!IPAddress.TryParse(value, out var ip))
        {
            throw new ArgumentException($"{name}='{value}' is not an IP address{(name == AdvertisedIPVariable ? " or 'auto'" : "")}");
        }

        if (IsAny(ip) || ip.Equals(IPAddress.Broadcast) || ip.IsIPv6Multicast || (ip.AddressFamily == AddressFamily.InterNetwork && ip.GetAddressBytes()[0] >= 224))
        {
            throw new ArgumentException($"{name}='{value}' cannot be advertised: give the silo's own unicast address");
        }

        return ip;
    }

    private static bool IsUsable(IPAddress address) =>
        !IPAddress.IsLoopback(address) && !IsAny(address) && !address.IsIPv6LinkLocal && !address.IsIPv6Multicast;

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static IPAddress AnyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
}
