using System.Net;
using AddonGrains.Silo.Hosting;

namespace AddonGrains.Tests.Hosting;

/// <summary>Which address a silo advertises and where it listens.</summary>
public sealed class SiloAddressesTests
{
    private static readonly IPAddress[] Host = [IPAddress.Parse("fe80::1"), IPAddress.Parse("10.1.2.3"), IPAddress.Parse("192.168.7.7")];

    private static SiloAddresses Resolve(Dictionary<string, string> env, IEnumerable<IPAddress>? host = null) =>
        SiloAddresses.Resolve(n => env.GetValueOrDefault(n), () => host ?? Host);

    [Fact]
    public void Resolve_NothingSet_AdvertisesAndListensOnLoopback()
    {
        var a = Resolve([]);

        Assert.Equal((IPAddress.Loopback, IPAddress.Loopback), (a.Advertised, a.Listening));
    }

    [Fact]
    public void Resolve_ExplicitIP_AdvertisesAndListensOnThatAddressOnly()
    {
        var a = Resolve(new() { ["Orleans__AdvertisedIP"] = "127.0.0.3", ["POD_IP"] = "10.9.9.9" });

        Assert.Equal((IPAddress.Parse("127.0.0.3"), IPAddress.Parse("127.0.0.3")), (a.Advertised, a.Listening));
        Assert.Equal("Orleans__AdvertisedIP", a.Source);
    }

    [Fact]
    public void Resolve_ExplicitIPv6_IsAccepted()
    {
        var a = Resolve(new() { ["Orleans__AdvertisedIP"] = "fd00::5" });

        Assert.Equal(IPAddress.Parse("fd00::5"), a.Listening);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public void Resolve_Auto_AdvertisesFirstNonLoopbackAddressAndListensOnAll(string value)
    {
        var a = Resolve(new() { ["Orleans__AdvertisedIP"] = value }, [IPAddress.Loopback, .. Host]);

        Assert.Equal((IPAddress.Parse("10.1.2.3"), IPAddress.Any), (a.Advertised, a.Listening));
    }

    [Fact]
    public void Resolve_AutoOnHostWithOnlyLoopback_FailsNamingTheVariable()
    {
        var ex = Assert.Throws<ArgumentException>(() => Resolve(new() { ["Orleans__AdvertisedIP"] = "auto" }, [IPAddress.Loopback, IPAddress.IPv6Loopback]));

        Assert.Contains("Orleans__AdvertisedIP=auto: this host has no non-loopback address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PodIP_AdvertisesItAndListensOnAll()
    {
        var a = Resolve(new() { ["POD_IP"] = "10.128.4.17" });

        Assert.Equal((IPAddress.Parse("10.128.4.17"), IPAddress.Any, "POD_IP"), (a.Advertised, a.Listening, a.Source));
    }

    [Theory]
    [InlineData("Orleans__AdvertisedIP", "10.0.0.300", "Orleans__AdvertisedIP='10.0.0.300' is not an IP address or 'auto'")]
    [InlineData("Orleans__AdvertisedIP", "silo-1.example", "Orleans__AdvertisedIP='silo-1.example' is not an IP address or 'auto'")]
    [InlineData("Orleans__AdvertisedIP", "0.0.0.0", "Orleans__AdvertisedIP='0.0.0.0' cannot be advertised")]
    [InlineData("Orleans__AdvertisedIP", "::", "Orleans__AdvertisedIP='::' cannot be advertised")]
    [InlineData("Orleans__AdvertisedIP", "239.1.1.1", "Orleans__AdvertisedIP='239.1.1.1' cannot be advertised")]
    [InlineData("POD_IP", "pod", "POD_IP='pod' is not an IP address")]
    public void Resolve_BadValue_FailsNamingTheVariableAndValue(string name, string value, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Resolve(new() { [name] = value }));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostAddresses_NeverIncludeLoopback()
    {
        Assert.DoesNotContain(SiloAddresses.HostAddresses(), IPAddress.IsLoopback);
    }

    [Theory]
    [InlineData(true, true, true, true)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, true, false)]
    public void InPod_OnlyWhenPodNameNamespaceAndServiceHostAreAllSet(bool name, bool ns, bool host, bool expected)
    {
        var env = new Dictionary<string, string?>
        {
            ["POD_NAME"] = name ? "addongrains-7d9-x2" : null,
            ["POD_NAMESPACE"] = ns ? "addongrains" : "",
            ["KUBERNETES_SERVICE_HOST"] = host ? "10.96.0.1" : null,
        };

        Assert.Equal(expected, KubernetesDetection.InPod(n => env.GetValueOrDefault(n)));
    }
}
