using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AddonGrains.Client;

/// <summary>A parsed <c>--gateway HOST:PORT</c> (IPv6 in brackets).</summary>
internal sealed record GatewayAddress(string Host, int Port)
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out GatewayAddress? address)
    {
        address = null;
        var colon = value?.LastIndexOf(':') ?? -1;
        if (value is null || colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        address = host.Length == 0 ? null : new GatewayAddress(host, port);
        return address is not null;
    }

    /// <summary>The endpoint, resolving a host name (IPv4 preferred).</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var ip))
        {
            return new IPEndPoint(ip, Port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot resolve the gateway host '{Host}': {ex.Message}", ex);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new CliException(ExitCodes.Unreachable, $"the gateway host '{Host}' has no address");
        return new IPEndPoint(chosen, Port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
