using System.Net;
using AddonGrains.Configuration;
using AddonGrains.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace AddonGrains.Tests.Hosting;

/// <summary>The silo builder applies the resolved addresses, Kubernetes hosting only inside a pod, and one settings source.</summary>
public sealed class SiloHostingTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x",
            ["Orleans:SiloPort"] = "21111",
            ["Orleans:GatewayPort"] = "40000",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var addresses = SiloAddresses.Resolve(OrleansHosting.Variables(builder.Configuration), () => [IPAddress.Parse("10.1.2.3")]);
        builder.AddAddonSilo(AddonGrains.Tests.Cli.CliClusterFixture.Settings, addresses);
        return builder.Build();
    }

    [Fact]
    public void AddAddonSilo_ExplicitAddress_IsAdvertisedAndTheOnlyListeningAddress()
    {
        using var app = Build(new() { ["Orleans:AdvertisedIP"] = "127.0.0.4" });
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(IPAddress.Parse("127.0.0.4"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 21111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 40000), endpoints.GatewayListeningEndpoint);
        Assert.Null(app.Services.GetService<IConfigureOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public void AddAddonSilo_SettingsReachGrainsAndClients_OnlyThroughTheOneSettingsSource()
    {
        using var app = Build(new());

        Assert.Same(AddonGrains.Tests.Cli.CliClusterFixture.Settings, Assert.Single(app.Services.GetServices<SettingsSource>()).Current);
        Assert.Null(app.Services.GetService<AddonGrainsSettings>());
    }

    [Fact]
    public void AddAddonSilo_InPod_AdvertisesPodIPListensOnAllAndUsesKubernetesHosting()
    {
        using var app = Build(new()
        {
            ["POD_IP"] = "10.128.0.9",
            ["POD_NAME"] = "addongrains-abc",
            ["POD_NAMESPACE"] = "addongrains",
            ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
        });
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(IPAddress.Parse("10.128.0.9"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 21111), endpoints.SiloListeningEndpoint);
        Assert.NotNull(app.Services.GetService<IConfigureOptions<KubernetesHostingOptions>>());
    }
}
