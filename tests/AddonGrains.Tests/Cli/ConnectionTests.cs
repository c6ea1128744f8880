using System.Diagnostics;
using AddonGrains.Client;
using AddonGrains.Tests.Support;
using AddonGrains.Upstream.Ocm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddonGrains.Tests.Cli;

[Collection(CliClusterGroup.Name)]
public sealed class ConnectionTests
{
    [Fact]
    public async Task Status_ClosedGatewayPort_Exits3QuicklyNamingTheGateway()
    {
        var port = FreePort.Next();
        await using var connector = new OrleansClusterConnector(new ConnectionSettings(null, "addongrains", "addongrains", TimeSpan.FromSeconds(5)));
        var watch = Stopwatch.StartNew();

        var run = await Cli.RunAsync(connector, "status", "--gateway", $"127.0.0.1:{port}");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"gateway 127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--gateway HOST:PORT", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Orleans", run.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Status_RealSiloBehindTheGateway_ConnectsOverTcp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "addongrains", clusterId: "addongrains");
            silo.AddTestAddonGrains(CliClusterFixture.Settings, new StorageCounter());
            silo.Services.AddSingleton<IOcmClientFactory>(new FakeOcm());
        });
        using var silo = builder.Build();
        await silo.StartAsync(ct);
        try
        {
            await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IRegistryGrain>(IRegistryGrain.Key)
                .ReconcileAsync(CliClusterFixture.Settings.RolloutKeys, ct);
            await using var connector = new OrleansClusterConnector(ConnectionSettings.FromEnvironment(_ => null));

            var run = await Cli.RunAsync(connector, "status", "--org", "fresh", "-o", "json", "--gateway", $"127.0.0.1:{gatewayPort}");
            var unknown = await Cli.RunAsync(connector, "status", "--org", "nope", "--gateway", $"127.0.0.1:{gatewayPort}");

            Assert.Equal(0, run.ExitCode);
            var row = Assert.Single(run.Json.EnumerateArray().ToList());
            Assert.Equal(("fresh", "f-1"), (row.GetProperty("organization").GetString(), row.GetProperty("orgId").GetString()));
            Assert.Equal(2, unknown.ExitCode);
        }
        finally
        {
            await silo.StopAsync(ct);
        }
    }

    [Fact]
    public async Task Validate_UnreachableMembershipTable_Exits3NamingIt()
    {
        var settings = new ConnectionSettings($"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Password=y;Database=z;Timeout=2",
            "addongrains", "addongrains", TimeSpan.FromSeconds(3));
        await using var connector = new OrleansClusterConnector(settings);

        var run = await Cli.RunAsync(connector, "validate");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("membership table in ConnectionStrings__Orleans", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NothingSet_UsesTheSilosDefaults()
    {
        var settings = ConnectionSettings.FromEnvironment(_ => null);

        Assert.Equal(new ConnectionSettings(null, "addongrains", "addongrains", TimeSpan.FromSeconds(10)), settings);
    }

    [Fact]
    public void FromEnvironment_AllSet_UsesThem()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = "Host=db",
            ["Orleans__ClusterId"] = "c1",
            ["Orleans__ServiceId"] = "s1",
            ["ADDONGRAINS_CONNECT_TIMEOUT"] = "2.5",
        };

        var settings = ConnectionSettings.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(new ConnectionSettings("Host=db", "c1", "s1", TimeSpan.FromSeconds(2.5)), settings);
    }

    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("silo.local:1", "silo.local", 1)]
    [InlineData("[::1]:30000", "::1", 30000)]
    public void TryParse_HostAndPort_Parses(string text, string host, int port)
    {
        Assert.True(GatewayAddress.TryParse(text, out var address));

        Assert.Equal(new GatewayAddress(host, port), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host")]
    [InlineData(":30000")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("::1:30000")]
    public void TryParse_Malformed_Fails(string text)
    {
        Assert.False(GatewayAddress.TryParse(text, out _));
    }

}
