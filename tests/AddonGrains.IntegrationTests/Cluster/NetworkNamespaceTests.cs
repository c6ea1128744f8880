using System.Net;
using AddonGrains.GrainInterfaces;
using AddonGrains.IntegrationTests.Crashes;
using AddonGrains.IntegrationTests.Processes;
using Npgsql;

namespace AddonGrains.IntegrationTests.Cluster;

/// <summary>
/// Three silos as three container-like hosts — each in a network namespace the test makes, with one
/// address on a private subnet — all with <c>Orleans__AdvertisedIP=auto</c> and the same ports. Each listens on all
/// its addresses and advertises its own. Root only (skipped with a message otherwise).
/// </summary>
[Collection(UpgradeProcessGroup.Name)]
[Trait("Category", "Cluster")]
public sealed class NetworkNamespaceTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeNamespacesWithAuto_EachAdvertisesItsOwnAddress_AndARolloutTriggersOnce()
    {
        await using var network = await NetworkNamespaces.CreateAsync(3, Ct);
        await using var scenario = await ProcessScenario.StartAsync(postgres, TimeSpan.FromMilliseconds(300), ThreeHosts.Clusters, Ct);
        var gateway = IPAddress.Parse(network.Gateway);
        var database = new NpgsqlConnectionStringBuilder(scenario.ConnectionString);
        // The silos reach PostgreSQL and the simulators (loopback of the test's namespace) through the bridge.
        await using var toDatabase = new TcpForwarder(gateway, database.Port);
        await using var toOcm = new TcpForwarder(gateway, scenario.Ocm.BaseUrl.Port);
        await using var toJenkins = new TcpForwarder(gateway, scenario.Jenkins.BaseUrl.Port);
        await File.WriteAllTextAsync(scenario.ConfigPath, (await File.ReadAllTextAsync(scenario.ConfigPath, Ct)).Replace("127.0.0.1", network.Gateway, StringComparison.Ordinal), Ct);
        database.Host = network.Gateway;
        scenario.SetVersion("1.0.0", ThreeHosts.Clusters);

        var silos = await ThreeHosts.StartAsync(scenario, network.Addresses, Ct, network.Launcher, new Dictionary<string, string>
        {
            ["Orleans__AdvertisedIP"] = "auto",
            ["ConnectionStrings__Orleans"] = database.ConnectionString,
        });

        var active = await ThreeHosts.WaitForActiveAsync(scenario, network.Addresses, "three Active silos, one per namespace");
        Assert.Equal(network.Addresses.Select(a => $"{a}:{silos[0].SiloPort}"), active.Select(s => s.GetProperty("address").GetString()).Order(StringComparer.Ordinal));
        Assert.All(silos, s => Assert.Contains(s.Output, l => l.Contains($"advertises silo endpoint {s.Host}:{s.SiloPort}", StringComparison.Ordinal)
            && l.Contains("listening on all addresses (from Orleans__AdvertisedIP=auto)", StringComparison.Ordinal)));
        await scenario.WaitForStatusAsync(s => s.LastKnownVersion == "1.0.0", "the baseline", Ct);

        scenario.SetVersion("2.0.0", ThreeHosts.Clusters);
        var history = await scenario.WaitForTriggersAsync(2, t => t.Request.Event.Version == "2.0.0" && SiloCrashTests.Finished(t), "both triggers finished", Ct);
        Assert.All(history, t => Assert.Equal(TriggerStatus.Succeeded, t.Delivery.Status));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.ParameterizedJob));
        Assert.Single(scenario.Jenkins.Builds(ProcessScenario.PlainJob));
    }
}
